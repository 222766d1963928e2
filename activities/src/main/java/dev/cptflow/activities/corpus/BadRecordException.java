package dev.cptflow.activities.corpus;

/** A bad record under {@link BadRecordPolicy#FAIL}; the message is one line naming {@code file:line} and the reason. */
public final class BadRecordException extends IllegalArgumentException {
  public BadRecordException(String location, String reason) {
    super("bad record at " + location + ": " + reason + " (on_bad_record=fail)");
  }
}
