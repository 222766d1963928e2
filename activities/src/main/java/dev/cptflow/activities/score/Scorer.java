package dev.cptflow.activities.score;

import dev.cptflow.activities.corpus.Document;
import java.util.List;

/**
 * One selection metric (see docs/architecture.md, 'Corpus and metrics'), computed a batch of documents at a
 * time. No Temporal here.
 */
public interface Scorer extends AutoCloseable {
  /** The column name: {@code sim}, {@code ppl} or {@code ent}. */
  String metric();

  /** One score per document, in order. */
  double[] score(List<Document> batch);

  /** Documents per call that keep the engine busy without wasting memory. */
  default int batchSize() {
    return 64;
  }

  @Override
  default void close() {}
}
