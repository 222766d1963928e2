package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.StoreActivities;
import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.IngestActivities;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.ScoreActivities;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.TrainActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every activity option of the project in one place: which queue, how long an attempt may run, how soon
 * a silent worker counts as dead, and how failures are retried. Each stub carries a summary that the
 * Temporal Web UI shows beside the activity ({@code score sim shard 17/400}).
 */
final class StageStubs {
  private final RunTuning tuning;

  StageStubs(RunTuning tuning) {
    this.tuning = tuning;
  }

  StoreActivities store(String summary) {
    return Workflow.newActivityStub(StoreActivities.class, options(TaskQueues.CPU, Duration.ofMinutes(5), false, summary));
  }

  IngestActivities ingest(String summary) {
    return Workflow.newActivityStub(IngestActivities.class, options(TaskQueues.CPU, Duration.ofHours(24), true, summary));
  }

  ScoreActivities scoreShard(String metric, String summary) {
    return Workflow.newActivityStub(ScoreActivities.class, options(TaskQueues.forMetric(metric), Duration.ofHours(4), true, summary));
  }

  ScoreActivities summarizeScores(String summary) {
    return Workflow.newActivityStub(ScoreActivities.class, options(TaskQueues.CPU, Duration.ofHours(1), false, summary));
  }

  SelectActivities select(String summary) {
    return Workflow.newActivityStub(SelectActivities.class, options(TaskQueues.CPU, Duration.ofHours(4), true, summary));
  }

  PackActivities pack(String summary) {
    return Workflow.newActivityStub(PackActivities.class, options(TaskQueues.CPU, Duration.ofHours(12), true, summary));
  }

  TrainActivities train(String summary) {
    return Workflow.newActivityStub(TrainActivities.class, options(TaskQueues.GPU, Duration.ofDays(14), true, summary));
  }

  EvalActivities evaluate(String summary) {
    return Workflow.newActivityStub(EvalActivities.class, options(TaskQueues.GPU, Duration.ofDays(2), true, summary));
  }

  ReportActivities report(String summary) {
    return Workflow.newActivityStub(ReportActivities.class, options(TaskQueues.CPU, Duration.ofHours(1), false, summary));
  }

  private ActivityOptions options(TaskQueues queue, Duration attemptLimit, boolean heartbeats, String summary) {
    ActivityOptions.Builder builder =
        ActivityOptions.newBuilder()
            .setTaskQueue(queue.queueName())
            .setStartToCloseTimeout(attemptLimit)
            .setSummary(summary)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(tuning.retryInitialIntervalMillis()))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofMinutes(10))
                    .setMaximumAttempts(tuning.maxAttempts())
                    // Bad input and missing stages fail the same way every time: retrying only hides them.
                    .setDoNotRetry(Failures.VALIDATION, Failures.NOT_AVAILABLE)
                    .build());
    if (heartbeats) {
      // Long stages heartbeat their cursor; without a heartbeat timeout a killed worker would only be
      // noticed when the whole attempt times out, hours or days later.
      builder.setHeartbeatTimeout(Duration.ofSeconds(tuning.heartbeatTimeoutSeconds()));
    }
    return builder.build();
  }
}
