package dev.cptflow.activities.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.workflows.api.UnitProgress;
import java.util.Locale;

/**
 * The training activity's heartbeat: the last finished step and the store prefix of the newest uploaded
 * checkpoint (null before the first), which a retry resumes from.
 *
 * @param waiting true while the attempt waits for the worker's one training slot
 */
@JsonIgnoreProperties(value = "progress", allowGetters = true)
public record TrainProgress(String nodeId, int step, int totalSteps, String checkpointKey, double loss, boolean waiting)
    implements UnitProgress.Reporting {

  static TrainProgress start(String nodeId) {
    return new TrainProgress(nodeId, 0, 0, null, Double.NaN, true);
  }

  TrainProgress atStep(int newStep, int newTotalSteps, double newLoss) {
    return new TrainProgress(nodeId, newStep, newTotalSteps, checkpointKey, newLoss, false);
  }

  TrainProgress checkpointed(int newStep, String newCheckpointKey) {
    return new TrainProgress(nodeId, newStep, totalSteps, newCheckpointKey, loss, false);
  }

  /** The same cursor, for this attempt's node, once it holds the training slot. */
  TrainProgress resumed(String attemptNodeId, boolean stillWaiting) {
    return new TrainProgress(attemptNodeId, step, totalSteps, checkpointKey, loss, stillWaiting);
  }

  @Override
  @JsonProperty("progress")
  public UnitProgress progress() {
    String note = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.3f", loss);
    return new UnitProgress(nodeId, UnitProgress.Scope.NODE, step, totalSteps, "steps", 0, note, waiting);
  }
}
