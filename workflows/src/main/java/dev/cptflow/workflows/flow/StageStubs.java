package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.FailureTypes;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.ScoreActivities;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StoreActivities;
import dev.cptflow.workflows.api.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every activity option of the project in one place: how long an attempt may run, how soon a silent worker counts as
 * dead, and how failures are retried. The queue is the node's ({@link PlanNode#queue()}), decided by the planner.
 * Each stub carries a summary that the Temporal Web UI shows beside the activity ({@code score sim shard 17/400}).
 */
final class StageStubs {
  /** How long one attempt of a stage's activity may run. */
  private static final Map<Stage, Duration> ATTEMPT_LIMITS = new EnumMap<>(Map.of(
      Stage.INGEST, Duration.ofHours(24),
      Stage.SCORE, Duration.ofHours(4),
      Stage.SELECT, Duration.ofHours(4),
      Stage.PACK, Duration.ofHours(12),
      Stage.TRAIN, Duration.ofDays(14),
      Stage.EVAL, Duration.ofDays(2),
      Stage.REPORT, Duration.ofHours(1)));

  private final RunTuning tuning;

  StageStubs(RunTuning tuning) {
    this.tuning = tuning;
  }

  /**
   * Store bookkeeping heartbeats like every stage: without a heartbeat timeout, a worker killed while it held one would
   * only be noticed when the attempt's limit runs out. The limit is long because verifying every cached artifact of a
   * large sweep ({@code --verify-cache}) reads them all.
   */
  StoreActivities store(String summary) {
    return Workflow.newActivityStub(StoreActivities.class, options(StoreActivities.QUEUE, Duration.ofHours(2), summary));
  }

  /**
   * The stub of a node's own activity ({@code IngestActivities}, {@code TrainActivities}, ...) on the node's queue. Every
   * node activity heartbeats, so a dead worker's node is retried after the heartbeat timeout, not the attempt's limit.
   */
  <T> T forNode(Class<T> activities, PlanNode node, String summary) {
    return Workflow.newActivityStub(activities, options(node.queue(), ATTEMPT_LIMITS.get(node.stage()), summary));
  }

  /** The shard activities go to the node's queue, which follows its metric's engine. */
  ScoreActivities scoreShard(PlanNode node, String summary) {
    return forNode(ScoreActivities.class, node, summary);
  }

  /** Fitting and summarising need no accelerator: the stage's default queue. */
  ScoreActivities scoreOnCpu(String summary) {
    return Workflow.newActivityStub(ScoreActivities.class,
        options(Stage.SCORE.defaultQueue(), ATTEMPT_LIMITS.get(Stage.SCORE), summary));
  }

  private ActivityOptions options(TaskQueues queue, Duration attemptLimit, String summary) {
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
                    // Bad input fails the same way every time: retrying only hides it.
                    .setDoNotRetry(FailureTypes.VALIDATION)
                    .build())
            // Every activity heartbeats; without a heartbeat timeout a killed worker would only be noticed when
            // the whole attempt times out, hours or days later.
            .setHeartbeatTimeout(Duration.ofSeconds(tuning.heartbeatTimeoutSeconds()));
    return builder.build();
  }
}
