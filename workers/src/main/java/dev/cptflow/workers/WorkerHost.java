package dev.cptflow.workers;

import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.flow.CorpusWorkflowImpl;
import dev.cptflow.workflows.flow.ScoreBatchWorkflowImpl;
import dev.cptflow.workflows.flow.SweepWorkflowImpl;
import dev.cptflow.workflows.flow.VariantWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Polls the queues it is given. The workflows queue may only be served from a process that lives as long as the
 * server it talks to (see docs/architecture.md, 'Processes'): on the test server a dead workflow worker strands
 * its sticky workflows.
 */
public final class WorkerHost implements AutoCloseable {
  private final WorkerFactory factory;

  private WorkerHost(WorkerFactory factory) {
    this.factory = factory;
  }

  public static WorkerHost start(WorkflowClient client, Set<TaskQueues> queues, ActivitySet activities, WorkerSlots slots) {
    return start(client, queues, activities, slots, null);
  }

  /**
   * @param heartbeatSendInterval send an activity's latest heartbeat to the server at most this often; null keeps
   *     {@link #DEFAULT_HEARTBEAT_SEND_INTERVAL}
   */
  public static WorkerHost start(WorkflowClient client, Set<TaskQueues> queues, ActivitySet activities, WorkerSlots slots,
      Duration heartbeatSendInterval) {
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("a worker needs at least one queue");
    }
    WorkerFactory factory = WorkerFactory.newInstance(client);
    for (TaskQueues queue : queues) {
      Worker worker = factory.newWorker(queue.queueName(), optionsFor(queue, slots, heartbeatSendInterval));
      if (queue == TaskQueues.WORKFLOWS) {
        worker.registerWorkflowImplementationTypes(
            SweepWorkflowImpl.class, CorpusWorkflowImpl.class, ScoreBatchWorkflowImpl.class, VariantWorkflowImpl.class);
      } else {
        activities.forQueue(queue).forEach(worker::registerActivitiesImplementations);
      }
    }
    factory.start();
    return new WorkerHost(factory);
  }

  /** Heartbeat details reach the server at most this often unless a worker says otherwise (--heartbeat-send-interval). */
  static final Duration DEFAULT_HEARTBEAT_SEND_INTERVAL = Duration.ofSeconds(5);

  private static WorkerOptions optionsFor(TaskQueues queue, WorkerSlots slots, Duration heartbeatSendInterval) {
    // The SDK's default (up to a minute, or 0.8 of the heartbeat timeout) leaves the progress bars behind the work.
    // Five seconds is still a small load: one call per running activity.
    WorkerOptions.Builder options = WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(
        heartbeatSendInterval != null ? heartbeatSendInterval : DEFAULT_HEARTBEAT_SEND_INTERVAL);
    switch (queue) {
      case CPU -> options.setMaxConcurrentActivityExecutionSize(slots.cpuSlots());
      case GPU -> options.setMaxConcurrentActivityExecutionSize(slots.gpuSlots());
      // A torch training job takes every device of the host (or of its launcher's allocation): one at a time.
      case TORCH -> options.setMaxConcurrentActivityExecutionSize(1);
      case WORKFLOWS -> { }
    }
    return options.build();
  }

  /**
   * Stops polling, lets running activities finish for up to {@code grace}, then interrupts them. An
   * interrupted activity is retried from its last heartbeat by another worker.
   */
  public void shutdown(Duration grace) {
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Interrupts running activities at once, as a crash would (short of killing the process). */
  public void shutdownNow() {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }
}
