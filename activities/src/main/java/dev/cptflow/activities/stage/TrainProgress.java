package dev.cptflow.activities.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.workflows.api.UnitProgress;
import java.util.Locale;

/**
 * The training activity's heartbeat: the last finished step and the store prefix of the newest uploaded
 * checkpoint (null before the first), which a retry resumes from; and which attempt is beating, with the step it
 * resumed from, so whoever watches (the Web UI, {@code cpt chaos}) can tell how much a crash made it redo.
 *
 * @param nodeId the train node, so a client can tell which node a pending activity works for
 * @param waiting true while the attempt waits for the worker's one training slot
 * @param attempt the activity attempt that sent this (0 before the attempt has decided where it starts)
 * @param resumedFromStep the stored checkpoint this attempt started from, 0 for a fresh start
 */
@JsonIgnoreProperties(value = "progress", allowGetters = true)
public record TrainProgress(String nodeId, int step, int totalSteps, String checkpointKey, double loss, boolean waiting,
    int attempt, int resumedFromStep) implements UnitProgress.Reporting {

  static TrainProgress start(String nodeId) {
    return new TrainProgress(nodeId, 0, 0, null, Double.NaN, true, 0, 0);
  }

  /** The same cursor, carried by this attempt of {@code attemptNodeId}, waiting for the training slot or not. */
  TrainProgress on(String attemptNodeId, boolean stillWaiting) {
    return new TrainProgress(attemptNodeId, step, totalSteps, checkpointKey, loss, stillWaiting, attempt, resumedFromStep);
  }

  /** Where {@code attempt} starts: at {@code fromStep} (a stored checkpoint), or at 0. */
  TrainProgress resumed(int newAttempt, int fromStep) {
    return new TrainProgress(nodeId, fromStep, totalSteps, checkpointKey, loss, waiting, newAttempt, fromStep);
  }

  TrainProgress atStep(int newStep, int newTotalSteps, double newLoss) {
    return new TrainProgress(nodeId, newStep, newTotalSteps, checkpointKey, newLoss, false, attempt, resumedFromStep);
  }

  TrainProgress withCheckpoint(int newStep, String newCheckpointKey) {
    return new TrainProgress(nodeId, newStep, totalSteps, newCheckpointKey, loss, false, attempt, resumedFromStep);
  }

  @Override
  @JsonProperty("progress")
  public UnitProgress progress() {
    String note = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "loss %.3f", loss);
    return new UnitProgress(nodeId, UnitProgress.Scope.NODE, step, totalSteps, "steps", 0, note, waiting);
  }
}
