package dev.cptflow.activities.eval.task;

import java.util.List;
import java.util.Locale;

/**
 * How a generated answer becomes a choice ({@code choice_match} of a {@code generate_choice} task), as FLARE's
 * tasks decide it (PIXIU {@code src/tasks/flare.py}).
 */
public enum ChoiceMatch {
  /**
   * {@code Classification.process_results}: the answer stripped and lower-cased; the first choice, in the task's
   * order, whose lower-cased name occurs in it.
   */
  SUBSTRING("substring"),
  /** {@code Headlines.process_results}: the stripped answer equals the choice, case and all ("Yes", not "yes"). */
  EXACT("exact");

  private final String key;

  ChoiceMatch(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The matched choice's index, or -1 when the answer names none. */
  public int match(String answer, List<String> choices) {
    String stripped = answer.strip();
    String lower = stripped.toLowerCase(Locale.ROOT);
    for (int i = 0; i < choices.size(); i++) {
      boolean matched = this == SUBSTRING ? lower.contains(choices.get(i).toLowerCase(Locale.ROOT))
          : stripped.equals(choices.get(i));
      if (matched) {
        return i;
      }
    }
    return -1;
  }

  static ChoiceMatch fromKey(String key) {
    for (ChoiceMatch match : values()) {
      if (match.key.equals(key)) {
        return match;
      }
    }
    throw new IllegalArgumentException("'" + key + "' is not one of substring, exact");
  }
}
