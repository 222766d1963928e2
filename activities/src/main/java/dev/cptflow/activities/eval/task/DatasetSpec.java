package dev.cptflow.activities.eval.task;

import dev.cptflow.activities.eval.data.EvalFormat;
import java.util.Map;

/**
 * Where a task's documents come from.
 *
 * @param path default data URI, or null: a task without data is skipped, never faked
 * @param format how files that are not row files ({@code .jsonl}, {@code .parquet}) are read
 * @param testSplit the split that is evaluated
 * @param fewshotSplit the split few-shot examples come from; null when the task takes none
 * @param options format settings (Headlines' label columns, NER's entity types)
 */
public record DatasetSpec(String path, EvalFormat format, String testSplit, String fewshotSplit,
    Map<String, Object> options) {
  public DatasetSpec {
    options = Map.copyOf(options);
  }
}
