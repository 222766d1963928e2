package dev.cptflow.activities.unbuilt;

import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.flow.Failures;
import io.temporal.failure.ApplicationFailure;

/**
 * The stages this build does not have yet. Each fails at once, without retries, and says so; nothing
 * here pretends to have done the work. A stage leaves this class when its real implementation lands.
 */
public class UnbuiltStages
    implements SelectActivities,
        PackActivities,
        TrainActivities,
        EvalActivities,
        ReportActivities {

  @Override
  public StageResult select(NodeRequest request) {
    throw unavailable("select");
  }

  @Override
  public StageResult pack(NodeRequest request) {
    throw unavailable("pack");
  }

  @Override
  public StageResult train(NodeRequest request) {
    throw unavailable("train");
  }

  @Override
  public StageResult evaluate(NodeRequest request) {
    throw unavailable("eval");
  }

  @Override
  public StageResult report(NodeRequest request) {
    throw unavailable("report");
  }

  private static ApplicationFailure unavailable(String stage) {
    return ApplicationFailure.newNonRetryableFailure(
        "stage '" + stage + "' is not available in this build yet", Failures.NOT_AVAILABLE);
  }
}
