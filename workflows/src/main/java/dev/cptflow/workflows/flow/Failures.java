package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Optional;

/** Turns Temporal's nested failures into the one line a user needs, and back into a {@link PartialOutcome}. */
public final class Failures {
  private Failures() {}

  /**
   * The failure a workflow ends with when some of its nodes failed. What it finished and why the rest did not
   * travel with it, so the parent can mark each node exactly instead of parsing a message.
   */
  static ApplicationFailure nodesFailed(String label, PartialOutcome outcome) {
    return ApplicationFailure.newNonRetryableFailure(label + ": " + outcome.summary(), FailureTypes.NODES_FAILED, outcome);
  }

  /** The details of a {@link #nodesFailed} failure anywhere in the cause chain, if there is one. */
  static Optional<PartialOutcome> partialOutcome(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application && FailureTypes.NODES_FAILED.equals(application.getType())
          && application.getDetails().getSize() > 0) {
        return Optional.of(application.getDetails().get(PartialOutcome.class));
      }
    }
    return Optional.empty();
  }

  /** The message of the innermost application failure, which is the stage's own words. */
  public static String describe(Throwable failure) {
    String message = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application) {
        message = application.getOriginalMessage();
      } else if (message == null && cause instanceof TemporalFailure temporal) {
        message = temporal.getOriginalMessage();
      }
    }
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
