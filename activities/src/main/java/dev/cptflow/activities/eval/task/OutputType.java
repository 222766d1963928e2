package dev.cptflow.activities.eval.task;

/** How a task asks the model: lm-evaluation-harness's {@code output_type}, plus FLARE's generated classification. */
public enum OutputType {
  /** Each choice is scored by the log-likelihood of {@code target_delimiter + choice} after the prompt. */
  MULTIPLE_CHOICE("multiple_choice"),
  /**
   * FLARE's classification (PIXIU {@code src/tasks/flare.py}): greedy generation until a stop string, then the answer
   * is matched to a choice ({@code choice_match}); an answer that names none is "missing" and counts as wrong. Such a
   * task can also run as {@link #MULTIPLE_CHOICE} ({@code protocol: loglik}).
   */
  GENERATE_CHOICE("generate_choice"),
  /** Greedy generation until a stop string; the text is scored against the target. */
  GENERATE_UNTIL("generate_until");

  private final String key;

  OutputType(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Whether the task has choices (ranked, or matched in a generated answer). */
  public boolean hasChoices() {
    return this != GENERATE_UNTIL;
  }

  static OutputType fromKey(String key) {
    for (OutputType type : values()) {
      if (type.key.equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException("'" + key + "' is not one of multiple_choice, generate_choice, generate_until");
  }
}
