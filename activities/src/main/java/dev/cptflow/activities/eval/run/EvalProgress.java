package dev.cptflow.activities.eval.run;

/** Hears how far a task has got: a progress bar, or an activity's heartbeat. */
@FunctionalInterface
public interface EvalProgress {
  /** {@code done} of {@code total} items of {@code task}, whichever way they are answered. */
  void update(String task, long done, long total);

  EvalProgress NONE = (task, done, total) -> {};
}
