package dev.cptflow.activities.eval.run;

/**
 * What a run asks of every task.
 *
 * @param shots few-shot examples per item for tasks that take them; null keeps each task's {@code num_fewshot}
 * @param limit evaluate only the first {@code limit} items of each task; 0 for all
 * @param seed few-shot draws and bootstrap resamples
 * @param bootstrapIterations resamples per stderr
 */
public record EvalSettings(Integer shots, int limit, long seed, int bootstrapIterations) {
  public static final int BOOTSTRAP_ITERATIONS = 1000;
}
