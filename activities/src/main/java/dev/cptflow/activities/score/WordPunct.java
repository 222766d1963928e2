package dev.cptflow.activities.score;

import java.util.Locale;

/**
 * NLTK's {@code WordPunctTokenizer} as Python runs it: {@code re.findall(r"\w+|[^\w\s]+", text)} with Python's
 * Unicode classes, so a token is a maximal run of word characters or a maximal run of characters that are neither word
 * characters nor white space.
 *
 * <p>Python's {@code \w} is {@code str.isalnum()} or {@code _}: the letter categories (Lu, Ll, Lt, Lm, Lo) and the
 * number categories (Nd, Nl, No). Unlike Java's {@code \w} it does not take combining marks or connector punctuation
 * other than {@code _}. Python's {@code \s} is {@code str.isspace()}: the ASCII white space including the four
 * separators U+001C to U+001F, and U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
 * The categories come from Java's Unicode tables (13.0 in Java 17, 14.0 in Python 3.11): text with characters added
 * in Unicode 14 can tokenise differently.
 */
final class WordPunct {
  private static final int CAPITAL_SIGMA = 0x03A3;
  /** Characters whose Word_Break is MidLetter, MidNumLet or Single_Quote: case-ignorable without a category saying so. */
  private static final String WORD_BREAK_IGNORABLE =
      ":\u00B7\u0387\u055F\u05F4\u2027\uFE13\uFE55\uFF1A.\u2018\u2019\u2024\uFE52\uFF07\uFF0E'";

  static final byte SPACE = 0;
  static final byte WORD = 1;
  static final byte OTHER = 2;

  private static final byte[] BMP = new byte[0x10000];

  static {
    for (int cp = 0; cp < BMP.length; cp++) {
      BMP[cp] = compute(cp);
    }
  }

  private WordPunct() {}

  /**
   * Python's {@code str.lower()}: the root locale's full lower-casing (U+0130 becomes {@code i} and a combining dot),
   * except for capital sigma, which Python makes final ({@code ς}) exactly when a cased letter precedes it and none
   * follows, skipping case-ignorable characters both ways (Unicode's Final_Sigma). Java's own rule differs on
   * characters such as ⓐ (cased), Ⅻ (cased) and Arabic digits (neither), so sigma is mapped here.
   */
  static String lower(String text) {
    if (text.indexOf(CAPITAL_SIGMA) < 0) {
      return text.toLowerCase(Locale.ROOT);
    }
    StringBuilder lower = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp == CAPITAL_SIGMA) {
        lower.append(finalSigma(text, i) ? '\u03C2' : '\u03C3');
      } else {
        lower.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
      }
      i += Character.charCount(cp);
    }
    return lower.toString();
  }

  private static boolean finalSigma(String text, int at) {
    int before = at;
    int cp = 0;
    boolean found = false;
    while (before > 0) {
      cp = text.codePointBefore(before);
      before -= Character.charCount(cp);
      if (!caseIgnorable(cp)) {
        found = true;
        break;
      }
    }
    if (!found || !cased(cp)) {
      return false;
    }
    for (int after = at + 1; after < text.length(); ) {
      cp = text.codePointAt(after);
      if (!caseIgnorable(cp)) {
        return !cased(cp);
      }
      after += Character.charCount(cp);
    }
    return true;
  }

  private static boolean cased(int cp) {
    return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
  }

  private static boolean caseIgnorable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
          Character.MODIFIER_SYMBOL -> true;
      default -> cp < 0x10000 && WORD_BREAK_IGNORABLE.indexOf(cp) >= 0;
    };
  }

  /** The class of a code point: {@link #SPACE}, {@link #WORD} or {@link #OTHER}. */
  static byte classOf(int cp) {
    return cp < 0x10000 ? BMP[cp] : compute(cp);
  }

  private static byte compute(int cp) {
    if (isPythonSpace(cp)) {
      return SPACE;
    }
    if (cp == '_') {
      return WORD;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> {
        return WORD;
      }
      default -> {
        return OTHER;
      }
    }
  }

  private static boolean isPythonSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
  }
}
