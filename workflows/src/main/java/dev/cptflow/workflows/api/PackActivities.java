package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** {@link Stage#PACK}: tokenizes the selected documents into training blocks. */
@ActivityInterface
public interface PackActivities {
  StageResult pack(NodeRequest request);
}
