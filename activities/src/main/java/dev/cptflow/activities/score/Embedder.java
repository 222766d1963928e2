package dev.cptflow.activities.score;

import java.util.List;

/** Text to unit-length vectors, a batch at a time. */
public interface Embedder extends AutoCloseable {
  int dimension();

  /** One L2-normalised row per text. */
  float[][] embed(List<String> texts);

  @Override
  default void close() {}
}
