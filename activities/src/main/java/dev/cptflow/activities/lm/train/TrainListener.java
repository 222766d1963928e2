package dev.cptflow.activities.lm.train;

import java.nio.file.Path;

/** What a trainer reports as it goes; the training activity turns these into heartbeats. */
public interface TrainListener {
  void onStep(int step, int totalSteps, double loss, double lr);

  void onCheckpoint(int step, Path checkpoint);

  void onEval(int step, java.util.Map<String, Double> losses);

  TrainListener NONE = new TrainListener() {
    @Override
    public void onStep(int step, int totalSteps, double loss, double lr) {}

    @Override
    public void onCheckpoint(int step, Path checkpoint) {}

    @Override
    public void onEval(int step, java.util.Map<String, Double> losses) {}
  };
}
