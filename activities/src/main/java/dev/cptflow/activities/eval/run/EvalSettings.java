package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.metric.MetricCalculator;
import dev.cptflow.activities.eval.task.Protocol;
import java.util.Map;

/**
 * What a run asks of every task.
 *
 * @param shots few-shot examples per item for tasks that take them; null keeps each task's {@code num_fewshot}
 * @param limit evaluate a seeded sample of {@code limit} items of each task (a shuffle, then the first N); 0 for all
 * @param seed few-shot draws, the {@code limit} sample and bootstrap resamples
 * @param bootstrapIterations resamples per bootstrap stderr
 * @param protocol how {@code generate_choice} tasks run; null keeps the task's own (generation)
 * @param taskProtocols the same per task, over {@code protocol}
 * @param fitShots drop whole few-shot examples, the last first, until a prompt fits the model's window
 */
public record EvalSettings(Integer shots, int limit, long seed, int bootstrapIterations, Protocol protocol,
    Map<String, Protocol> taskProtocols, boolean fitShots) {
  /** lm-evaluation-harness's {@code bootstrap_iters}. */
  public static final int BOOTSTRAP_ITERATIONS = MetricCalculator.DEFAULT_ITERATIONS;

  public EvalSettings {
    taskProtocols = Map.copyOf(taskProtocols);
  }

  public EvalSettings(Integer shots, int limit, long seed, int bootstrapIterations) {
    this(shots, limit, seed, bootstrapIterations, null, Map.of(), false);
  }

  /** The protocol asked for {@code task}, or null for its own. */
  public Protocol protocolFor(String task) {
    return taskProtocols.getOrDefault(task, protocol);
  }
}
