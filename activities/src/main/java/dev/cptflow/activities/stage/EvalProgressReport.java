package dev.cptflow.activities.stage;

import java.util.List;

/**
 * The eval activity's heartbeat: the task under way, how far it is, and the tasks already stored; and which attempt
 * is beating with the tasks it took from an earlier attempt, so a watcher can tell what a crash made it redo.
 *
 * @param attempt the activity attempt that sent this
 * @param restored the tasks an earlier attempt had stored, which this one did not run again; null until it has looked
 */
public record EvalProgressReport(String task, long done, long total, List<String> finished, int attempt, List<String> restored) {
  public EvalProgressReport {
    finished = List.copyOf(finished);
    restored = restored == null ? null : List.copyOf(restored);
  }

  static EvalProgressReport starting(int attempt) {
    return new EvalProgressReport(null, 0, 0, List.of(), attempt, null);
  }

  /** After the stored tasks are read back: this attempt starts at the first task not among them. */
  EvalProgressReport restoring(List<String> stored) {
    return new EvalProgressReport(null, 0, 0, stored, attempt, stored);
  }

  EvalProgressReport at(String task, long done, long total, List<String> stored) {
    return new EvalProgressReport(task, done, total, stored, attempt, restored);
  }
}
