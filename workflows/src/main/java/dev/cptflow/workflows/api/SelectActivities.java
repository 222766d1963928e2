package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** {@link Stage#SELECT}: turns score tables into a selection manifest under the token budget. */
@ActivityInterface
public interface SelectActivities {
  StageResult select(NodeRequest request);
}
