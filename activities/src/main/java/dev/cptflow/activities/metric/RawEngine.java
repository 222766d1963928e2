package dev.cptflow.activities.metric;

import java.util.List;

/**
 * The engine under a metric's scorer, bare (the embedder alone, the tag loop alone, the LM forward alone): what
 * {@code cpt bench score} times the scorer's whole shard pipeline against, on the same texts in the same run.
 */
public interface RawEngine extends AutoCloseable {
  void run(List<String> texts);

  @Override
  default void close() {}

  /** Runs {@code engine} over {@code texts} in slices of {@code size}, as a scorer batches them. */
  static void inBatches(List<String> texts, int size, java.util.function.Consumer<List<String>> engine) {
    for (int start = 0; start < texts.size(); start += size) {
      engine.accept(texts.subList(start, Math.min(texts.size(), start + size)));
    }
  }
}
