package dev.cptflow.activities.unbuilt;

import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.flow.Failures;
import io.temporal.failure.ApplicationFailure;

/**
 * The stages this build does not have yet. Each fails at once, without retries, and says so; nothing
 * here pretends to have done the work. A stage leaves this class when its real implementation lands.
 */
public class UnbuiltStages implements ReportActivities {
  @Override
  public StageResult report(NodeRequest request) {
    throw unavailable("report");
  }

  private static ApplicationFailure unavailable(String stage) {
    return ApplicationFailure.newNonRetryableFailure(
        "stage '" + stage + "' is not available in this build yet", Failures.NOT_AVAILABLE);
  }
}
