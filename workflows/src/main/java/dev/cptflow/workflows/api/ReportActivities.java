package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** {@link Stage#REPORT}: writes the sweep report and results tables. */
@ActivityInterface
public interface ReportActivities {
  StageResult report(NodeRequest request);
}
