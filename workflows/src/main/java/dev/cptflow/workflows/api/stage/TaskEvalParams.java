package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A suite's tasks on one model, lm-evaluation-harness style.
 *
 * @param suite {@code finance}, {@code general}, or {@code tasks} for the spec's single tasks
 * @param limit items per task, 0 for all
 * @param data where a task's files are, by task name (tasks without data are skipped, never scored)
 */
public record TaskEvalParams(String baseModel, String suite, List<String> tasks, int shots, int limit, long seed,
    SortedMap<String, String> data) implements EvalParams {
  public TaskEvalParams {
    tasks = List.copyOf(tasks);
    data = Collections.unmodifiableSortedMap(new TreeMap<>(data == null ? Collections.emptySortedMap() : data));
    if (shots < 0 || limit < 0) {
      throw new IllegalArgumentException("shots and limit must be >= 0");
    }
  }
}
