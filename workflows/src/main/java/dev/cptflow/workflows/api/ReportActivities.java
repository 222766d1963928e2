package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** Queue cpt-cpu. Writes the sweep report and results tables. */
@ActivityInterface
public interface ReportActivities {
  StageResult report(NodeRequest request);
}
