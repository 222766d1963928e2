package dev.cptflow.workflows.api;

import java.util.List;
import java.util.Locale;

/**
 * The task queues, and the names users type for them ({@code --queues cpu,gpu}). Which stage runs on which is said
 * once, by {@link Stage#queues()} and each node's {@link PlanNode#queue()}. {@code torch} is served only by workers
 * whose Python can run the torch engine, so torch training waits for one of them.
 */
public enum TaskQueues {
  WORKFLOWS("cpt-workflows"),
  CPU("cpt-cpu"),
  GPU("cpt-gpu"),
  TORCH("cpt-torch");

  private final String queueName;

  TaskQueues(String queueName) {
    this.queueName = queueName;
  }

  public String queueName() {
    return queueName;
  }

  /** The short name used on the command line: {@code workflows}, {@code cpu}, {@code gpu} or {@code torch}. */
  public String shortName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskQueues fromShortName(String shortName) {
    for (TaskQueues queue : values()) {
      if (queue.shortName().equals(shortName.trim().toLowerCase(Locale.ROOT))) {
        return queue;
      }
    }
    throw new IllegalArgumentException(
        "unknown queue '" + shortName + "'; expected one of " + List.of("workflows", "cpu", "gpu", "torch"));
  }
}
