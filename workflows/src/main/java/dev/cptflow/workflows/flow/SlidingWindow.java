package dev.cptflow.workflows.flow;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps at most {@code capacity} asynchronous items in flight (see samples-java
 * {@code batch/slidingwindow}). Once an item fails, no new item starts: the caller's loop ends and the
 * failure surfaces from that item's promise.
 */
final class SlidingWindow {
  private final int capacity;
  private int inFlight;
  private boolean failed;

  SlidingWindow(int capacity) {
    this.capacity = capacity;
  }

  /** Waits for a free slot, then starts {@code work}; empty when an earlier item has failed. */
  <T> Optional<Promise<T>> start(Supplier<Promise<T>> work) {
    Workflow.await(() -> inFlight < capacity || failed);
    if (failed) {
      return Optional.empty();
    }
    inFlight++;
    return Optional.of(
        work.get().handle((value, failure) -> {
          inFlight--;
          if (failure != null) {
            failed = true;
            throw failure;
          }
          return value;
        }));
  }
}
