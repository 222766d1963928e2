package dev.cptflow.activities.stage;

/**
 * The training activity's heartbeat: the last finished step and the store prefix of the newest uploaded
 * checkpoint (null before the first), which a retry resumes from; and which attempt is beating, with the step it
 * resumed from, so whoever watches (the Web UI, {@code cpt chaos}) can tell how much a crash made it redo.
 *
 * @param attempt the activity attempt that sent this (0 before the attempt has decided where it starts)
 * @param resumedFromStep the stored checkpoint this attempt started from, 0 for a fresh start
 */
public record TrainProgress(int step, int totalSteps, String checkpointKey, double loss, int attempt, int resumedFromStep) {

  public TrainProgress(int step, int totalSteps, String checkpointKey, double loss) {
    this(step, totalSteps, checkpointKey, loss, 0, 0);
  }

  /** Where {@code attempt} starts: at {@code fromStep} (a stored checkpoint), or at 0. */
  TrainProgress resumed(int attempt, int fromStep) {
    return new TrainProgress(fromStep, totalSteps, checkpointKey, loss, attempt, fromStep);
  }

  TrainProgress atStep(int step, int totalSteps, double loss) {
    return new TrainProgress(step, totalSteps, checkpointKey, loss, attempt, resumedFromStep);
  }

  TrainProgress withCheckpoint(int step, String checkpointKey) {
    return new TrainProgress(step, totalSteps, checkpointKey, loss, attempt, resumedFromStep);
  }
}
