package dev.cptflow.activities.eval.task;

/** How a task asks the model: lm-evaluation-harness's {@code output_type}. */
public enum OutputType {
  /** Each choice is scored by the log-likelihood of {@code target_delimiter + choice} after the prompt. */
  MULTIPLE_CHOICE("multiple_choice"),
  /** Greedy generation until a stop string; the text is scored against the target. */
  GENERATE_UNTIL("generate_until");

  private final String key;

  OutputType(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  static OutputType fromKey(String key) {
    for (OutputType type : values()) {
      if (type.key.equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException("'" + key + "' is not one of multiple_choice, generate_until");
  }
}
