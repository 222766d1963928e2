package dev.cptflow.activities.eval.task;

/** How few-shot examples are picked from the few-shot split. */
public enum FewshotSampler {
  /** A seeded draw per item, never the item itself (lm-evaluation-harness's default sampler). */
  RANDOM("random"),
  /** The first examples of the split, in file order, skipping the item itself (MMLU's dev examples). */
  FIRST_N("first_n");

  private final String key;

  FewshotSampler(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  static FewshotSampler fromKey(String key) {
    for (FewshotSampler sampler : values()) {
      if (sampler.key.equals(key)) {
        return sampler;
      }
    }
    throw new IllegalArgumentException("'" + key + "' is not one of random, first_n");
  }
}
