package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A suite's tasks on one model, lm-evaluation-harness style.
 *
 * @param suite {@code finance}, {@code general}, or {@code tasks} for the spec's single tasks
 * @param limit items per task (a seeded sample), 0 for all
 * @param data where a task's files are, by task name (tasks without data are skipped, never scored)
 * @param fewshotData where a task's few-shot examples are, when not in {@code data}
 * @param protocol how generate_choice tasks run ({@code generate} or {@code loglik}); null: each task's own
 * @param protocols the same per task, over {@code protocol}
 * @param bootstrapIters resamples per bootstrap stderr; null: lm-evaluation-harness's 100,000
 * @param fitShots drop whole few-shot examples until a prompt fits the model's window; null: no
 */
public record TaskEvalParams(String baseModel, String suite, List<String> tasks, int shots, int limit, long seed,
    SortedMap<String, String> data, SortedMap<String, String> fewshotData, String protocol,
    SortedMap<String, String> protocols, Integer bootstrapIters, Boolean fitShots) implements EvalParams {
  public TaskEvalParams {
    tasks = List.copyOf(tasks);
    data = sorted(data);
    fewshotData = sorted(fewshotData);
    protocols = sorted(protocols);
    if (shots < 0 || limit < 0 || bootstrapIters != null && bootstrapIters < 0) {
      throw new IllegalArgumentException("shots, limit and bootstrap_iters must be >= 0");
    }
  }

  public TaskEvalParams(String baseModel, String suite, List<String> tasks, int shots, int limit, long seed,
      SortedMap<String, String> data) {
    this(baseModel, suite, tasks, shots, limit, seed, data, null, null, null, null, null);
  }

  private static SortedMap<String, String> sorted(SortedMap<String, String> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Collections.emptySortedMap() : map));
  }
}
