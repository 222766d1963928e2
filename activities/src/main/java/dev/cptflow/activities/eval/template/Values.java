package dev.cptflow.activities.eval.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conversions of JSON-like values to text, written to match what Jinja (that is, Python's str())
 * prints, because the prompts must be the ones lm-eval would build. Only the JSON-like types are
 * accepted; anything else is refused rather than converted with its toString().
 */
final class Values {
  private Values() {}

  /** Python str(), except that null is "" (an absent optional field should print as nothing). */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof List<?> || v instanceof Map<?, ?>) {
      return repr(v);
    }
    return scalar(v);
  }

  /** Python repr(): strings quoted, null as None; used inside lists and maps. */
  static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        b.append(first ? "" : ", ")
            .append(repr(e.getKey()))
            .append(": ")
            .append(repr(e.getValue()));
        first = false;
      }
      return b.append('}').toString();
    }
    return scalar(v);
  }

  private static String scalar(Object v) {
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return floating(d);
    }
    if (v instanceof Float f) {
      // Through Float's own shortest text, so 0.1f prints as 0.1, not 0.10000000149011612.
      return floating(Double.parseDouble(f.toString()));
    }
    if (v instanceof BigDecimal d) {
      return d.toString();
    }
    throw new Evaluator.Failure("unsupported value of type " + v.getClass().getName());
  }

  /** Python spells the specials nan/inf and prints integral floats with ".0" up to 1e16. */
  private static String floating(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return new BigDecimal(d).toPlainString() + ".0";
    }
    return Double.toString(d);
  }

  /** Python's repr of a str: single quotes unless the text has a ' and no ". */
  static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c == q) {
            b.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append(q).toString();
  }

  /** For messages: "a string", "a list", ... */
  static String typeName(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    if (v instanceof Map<?, ?>) {
      return "a map";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "a number";
    }
    return "a " + v.getClass().getSimpleName();
  }

  /** Python str.isspace(): Java's isWhitespace plus the no-break spaces and NEL. */
  static boolean isPySpace(int cp) {
    return Character.isWhitespace(cp) || cp == 0x85 || cp == 0xA0 || cp == 0x2007 || cp == 0x202F;
  }

  /** Python str.strip() (chars == null) or str.strip(chars). */
  static String strip(String s, String chars) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!stripped(cp, chars)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!stripped(cp, chars)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  private static boolean stripped(int cp, String chars) {
    return chars == null ? isPySpace(cp) : chars.indexOf(cp) >= 0;
  }

  /**
   * Python str.capitalize() (3.8+): the first character title-cased, all the rest lower-cased. The
   * whole text is lower-cased at once so that a final sigma is still seen as final.
   */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    String lower = s.toLowerCase(Locale.ROOT);
    String firstLower = new String(Character.toChars(first)).toLowerCase(Locale.ROOT);
    String rest =
        lower.startsWith(firstLower)
            ? lower.substring(firstLower.length())
            : s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    return new String(Character.toChars(Character.toTitleCase(first))) + rest;
  }
}
