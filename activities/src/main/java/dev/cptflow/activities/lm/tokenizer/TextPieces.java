package dev.cptflow.activities.lm.tokenizer;

/**
 * Where to cut a long text so that its pieces, encoded one by one, give the tokens of the whole. A byte-level BPE
 * pre-tokenizer (GPT-2's, GPT-NeoX's) starts a new pre-token at a single space between two non-space characters
 * ({@code "a| b"}: the space leads the next word), and BPE merges never cross pre-tokens, so a cut there changes
 * nothing. A stretch without such a space (a run of spaces, text written without them) is cut at the longest length,
 * never inside a surrogate pair; there the pieces may differ from the whole by a token.
 */
final class TextPieces {
  private TextPieces() {}

  /** The end of the piece of {@code text} that starts at {@code from}: at most {@code maxChars} long. */
  static int end(String text, int from, int maxChars) {
    if (text.length() - from <= maxChars) {
      return text.length();
    }
    int longest = from + maxChars;
    for (int cut = longest; cut > from + maxChars / 2; cut--) {
      if (text.charAt(cut) == ' ' && word(text.charAt(cut - 1)) && cut + 1 < text.length() && word(text.charAt(cut + 1))) {
        return cut;
      }
    }
    return Character.isLowSurrogate(text.charAt(longest)) ? longest - 1 : longest;
  }

  /** Not a space of any kind, for both Java and the pre-tokenizer's {@code \s}. */
  private static boolean word(char c) {
    return !Character.isWhitespace(c) && !Character.isSpaceChar(c);
  }
}
