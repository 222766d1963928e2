package dev.cptflow.activities.stage;

import dev.cptflow.workflows.api.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * Bad input (a missing model directory, an unknown embedder, a malformed file) fails the same way on
 * every attempt, so it becomes a non-retryable failure with the stage's one-line message.
 */
public final class StageFailures {
  private StageFailures() {}

  public static <T> T validating(Supplier<T> work) {
    try {
      return work.get();
    } catch (IllegalArgumentException badInput) {
      throw validation(badInput.getMessage());
    }
  }

  /** A non-retryable failure for input that no retry can fix. */
  public static ApplicationFailure validation(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureTypes.VALIDATION);
  }
}
