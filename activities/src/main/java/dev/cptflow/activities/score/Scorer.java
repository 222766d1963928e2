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

  /**
   * The scores and, for a metric that lets a selection take only some documents (DSIR: those of at least 100
   * tokens), which ones it may take; {@code eligible} is null when it may take every one.
   */
  record Scored(double[] scores, boolean[] eligible) {}

  /** {@link #score} with eligibility; by default every document is eligible. */
  default Scored scoreBatch(List<Document> batch) {
    return new Scored(score(batch), null);
  }

  /** The threads one {@link #scoreBatch} keeps busy: what it holds of the process's {@code CoreBudget}. */
  default int threads() {
    return 1;
  }

  /** Documents per call that keep the engine busy without wasting memory. */
  default int batchSize() {
    return 64;
  }

  @Override
  default void close() {}
}
