package dev.cptflow.workflows.spec;

/**
 * One problem in a spec, located by source line and field path ({@code variants[2].sampling}); {@code line} is 0
 * when no line applies, such as a file that cannot be read.
 */
public record SpecError(String source, int line, String path, String rule) {

  /**
   * One line: {@code spec.yaml:14: selection.budget: must be in (0, 1], got 1.5}. A value a message echoes may hold a
   * line break or a control character (a quoted YAML string can hold anything), so those are escaped.
   */
  public String message() {
    String where = line > 0 ? source + ":" + line : source;
    return oneLine(path.isEmpty() ? where + ": " + rule : where + ": " + path + ": " + rule);
  }

  private static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          int type = Character.getType(c);
          if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }

  @Override
  public String toString() {
    return message();
  }
}
