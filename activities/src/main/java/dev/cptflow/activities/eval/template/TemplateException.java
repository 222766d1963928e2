package dev.cptflow.activities.eval.template;

/**
 * A template that does not parse, or that cannot be evaluated against a document. The message is
 * one line that names the template (newlines escaped), so it can be logged or shown next to a task
 * name as is: {@code template "{{question | shout}}": unknown filter 'shout' at column 12}.
 */
public class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Long templates are cut in messages: the reason, not the whole prompt, is what the reader needs.
   */
  private static final int MAX_SHOWN = 160;

  public TemplateException(String message) {
    super(message);
  }

  /** A syntax error at {@code pos} (0-based offset into {@code source}). */
  static TemplateException syntax(String source, String reason, int pos) {
    return new TemplateException(named(source) + ": " + reason + " at " + where(source, pos));
  }

  /** An error while evaluating against a document; the reason names the field or filter. */
  static TemplateException evaluation(String source, String reason) {
    return new TemplateException(named(source) + ": " + reason);
  }

  private static String named(String source) {
    String shown = escape(source);
    if (shown.length() > MAX_SHOWN) {
      shown = shown.substring(0, MAX_SHOWN) + "...";
    }
    return "template \"" + shown + "\"";
  }

  /** Columns are 1-based; a line number is given only when the template has several lines. */
  private static String where(String source, int pos) {
    int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    String column = "column " + (pos - lineStart + 1);
    if (source.indexOf('\n') < 0) {
      return column;
    }
    long line = source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
    return "line " + line + ", " + column;
  }

  /** Keeps the message on one line: YAML templates carry real newlines. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
