package dev.cptflow.activities.corpus;

/** Checks on decoded text that UTF-8 decoding alone does not make. */
final class UnicodeText {
  private UnicodeText() {}

  /** Whether {@code text} holds a high surrogate without its low one, or a low one alone; false for null. */
  static boolean hasUnpairedSurrogate(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
