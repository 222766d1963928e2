package dev.cptflow.activities.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.workflows.api.UnitProgress;
import java.util.List;

/**
 * The eval activity's heartbeat: the task under way, how far it is, and the tasks already stored. A held-out
 * evaluation counts its sets (domain, general) in the same fields, with {@code unit} {@code sets}.
 */
@JsonIgnoreProperties(value = "progress", allowGetters = true)
public record EvalProgressReport(String nodeId, String task, long done, long total, String unit, List<String> finished)
    implements UnitProgress.Reporting {
  public EvalProgressReport {
    finished = List.copyOf(finished);
  }

  static EvalProgressReport items(String nodeId, String task, long done, long total, List<String> finished) {
    return new EvalProgressReport(nodeId, task, done, total, "items", finished);
  }

  @Override
  @JsonProperty("progress")
  public UnitProgress progress() {
    String note = task == null ? "" : task + (finished.isEmpty() ? "" : ", " + finished.size() + " done");
    return new UnitProgress(nodeId, UnitProgress.Scope.NODE, done, total, unit, 0, note, false);
  }
}
