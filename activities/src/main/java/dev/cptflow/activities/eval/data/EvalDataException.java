package dev.cptflow.activities.eval.data;

/**
 * A one-line, user-facing error about bad evaluation data. The message names the file, the line or
 * row and the field, e.g. {@code file:/x/fpb.txt:12: field 'label': 'postive' is not one of negative,
 * neutral, positive}, so that it is all a user needs to fix the file.
 */
public class EvalDataException extends RuntimeException {
  private static final int MAX_QUOTED = 60;

  public EvalDataException(String message) {
    super(message);
  }

  static EvalDataException field(String origin, String field, String problem) {
    return new EvalDataException(origin + ": field '" + field + "': " + problem);
  }

  /** Data values end up inside one-line messages, so line breaks are folded and long values cut. */
  static String quote(String value) {
    String oneLine = value.replaceAll("\\s+", " ");
    return "'" + (oneLine.length() > MAX_QUOTED ? oneLine.substring(0, MAX_QUOTED) + "…" : oneLine) + "'";
  }
}
