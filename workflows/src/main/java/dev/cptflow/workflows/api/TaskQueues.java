package dev.cptflow.workflows.api;

import java.util.List;
import java.util.Locale;

/** The three task queues of DESIGN.md §3, and the names users type for them ({@code --queues cpu,gpu}). */
public enum TaskQueues {
  WORKFLOWS("cpt-workflows"),
  CPU("cpt-cpu"),
  GPU("cpt-gpu");

  private final String queueName;

  TaskQueues(String queueName) {
    this.queueName = queueName;
  }

  public String queueName() {
    return queueName;
  }

  /** The short name used on the command line: {@code workflows}, {@code cpu} or {@code gpu}. */
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
        "unknown queue '" + shortName + "'; expected one of " + List.of("workflows", "cpu", "gpu"));
  }

  /**
   * Embeddings and perplexity need the accelerator; POS tagging is CPU-bound, so {@code ent} shards go
   * to the CPU queue where there are many more slots.
   */
  public static TaskQueues forMetric(String metric) {
    return "ent".equals(metric) ? CPU : GPU;
  }
}
