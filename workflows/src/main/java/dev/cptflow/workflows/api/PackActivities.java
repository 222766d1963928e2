package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** Queue cpt-cpu. Tokenizes the selected documents into training blocks. */
@ActivityInterface
public interface PackActivities {
  StageResult pack(NodeRequest request);
}
