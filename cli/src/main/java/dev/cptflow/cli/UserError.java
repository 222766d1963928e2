package dev.cptflow.cli;

/** A mistake the user can fix: printed as one line, exit code 2, never with a stack trace. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
