package dev.cptflow.activities.score;

import java.util.List;

/** Text to unit-length vectors, a batch at a time. */
public interface Embedder extends AutoCloseable {
  int dimension();

  /** One L2-normalised row per text. */
  float[][] embed(List<String> texts);

  /** The CPU threads one {@link #embed} keeps busy. */
  default int threads() {
    return 1;
  }

  @Override
  default void close() {}
}
