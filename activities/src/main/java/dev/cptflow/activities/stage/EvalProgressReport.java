package dev.cptflow.activities.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.workflows.api.UnitProgress;
import java.util.List;

/**
 * The eval activity's heartbeat: the task under way, how far it is, and the tasks already stored; and which attempt
 * is beating with the tasks it took from an earlier attempt, so a watcher can tell what a crash made it redo. A
 * held-out evaluation counts its sets (domain, general) in the same fields, with {@code unit} {@code sets}.
 *
 * @param nodeId the eval node
 * @param unit what {@code done} counts: {@code items}, or {@code sets} for a held-out evaluation
 * @param attempt the activity attempt that sent this
 * @param restored the tasks an earlier attempt had stored, which this one did not run again; null until it has looked
 */
@JsonIgnoreProperties(value = "progress", allowGetters = true)
public record EvalProgressReport(String nodeId, String task, long done, long total, String unit, List<String> finished,
    int attempt, List<String> restored) implements UnitProgress.Reporting {
  public EvalProgressReport {
    finished = List.copyOf(finished);
    restored = restored == null ? null : List.copyOf(restored);
  }

  static EvalProgressReport starting(String nodeId, int attempt) {
    return new EvalProgressReport(nodeId, null, 0, 0, "items", List.of(), attempt, null);
  }

  /** After the stored tasks are read back: this attempt starts at the first task not among them. */
  EvalProgressReport restoring(List<String> stored) {
    return new EvalProgressReport(nodeId, null, 0, 0, "items", stored, attempt, stored);
  }

  EvalProgressReport at(String newTask, long newDone, long newTotal, List<String> stored) {
    return new EvalProgressReport(nodeId, newTask, newDone, newTotal, "items", stored, attempt, restored);
  }

  /** A held-out evaluation measuring its {@code set}, {@code measured} of {@code sets} done. */
  EvalProgressReport measuring(String set, long measured, long sets, List<String> measuredSets) {
    return new EvalProgressReport(nodeId, set, measured, sets, "sets", measuredSets, attempt, restored);
  }

  @Override
  @JsonProperty("progress")
  public UnitProgress progress() {
    String note = task == null ? "" : task + (finished.isEmpty() ? "" : ", " + finished.size() + " done");
    return new UnitProgress(nodeId, UnitProgress.Scope.NODE, done, total, unit, 0, note, false);
  }
}
