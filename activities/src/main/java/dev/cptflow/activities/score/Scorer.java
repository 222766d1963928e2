package dev.cptflow.activities.score;

import dev.cptflow.activities.corpus.Document;
import java.util.List;

/**
 * One selection metric's values, computed a batch of documents at a time; made by the metric's class
 * ({@code ScoringMetric}), which also names the column. No Temporal here.
 */
public interface Scorer extends AutoCloseable {
  /** One score per document, in order. */
  double[] score(List<Document> batch);

  /** Documents per call that keep the engine busy without wasting memory. */
  default int batchSize() {
    return 64;
  }

  @Override
  default void close() {}
}
