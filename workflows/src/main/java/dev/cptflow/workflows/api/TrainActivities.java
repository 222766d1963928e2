package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** {@link Stage#TRAIN}: trains one variant; heartbeats {step, checkpoint key} and resumes from the last checkpoint. */
@ActivityInterface
public interface TrainActivities {
  StageResult train(NodeRequest request);
}
