package dev.cptflow.workflows.plan;

import java.util.Locale;

/**
 * The stages of the pipeline, in the order data flows through them (DESIGN §1). A stage's version is part of
 * every cache key it makes: bump it when the stage's output changes for the same inputs, and old results stop
 * being reused.
 */
public enum Stage {
  INGEST(2), // 2: demo: files keep their demo: names in document ids
  SCORE(1),
  SELECT(1),
  PACK(1),
  TRAIN(1),
  EVAL(1),
  REPORT(1);

  private final int version;

  Stage(int version) {
    this.version = version;
  }

  public int version() {
    return version;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
