package dev.cptflow.activities.stage;

/**
 * The training activity's heartbeat: the last finished step and the store prefix of the newest uploaded
 * checkpoint (null before the first), which a retry resumes from.
 */
public record TrainProgress(int step, int totalSteps, String checkpointKey, double loss) {}
