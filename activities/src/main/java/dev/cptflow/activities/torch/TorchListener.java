package dev.cptflow.activities.torch;

import dev.cptflow.activities.lm.train.TrainListener;
import java.nio.file.Path;
import java.util.Map;

/** A trainer's events as the torch engine reports them: those of the Java trainer, and two of its own. */
public interface TorchListener extends TrainListener {
  void onStart(TorchStart start);

  /** About once a second while the trainer runs; a listener that learns the run must stop throws here. */
  void whileRunning();

  /** For a caller that wants only the result (a benchmark reads the progress file afterwards). */
  TorchListener QUIET = new TorchListener() {
    @Override
    public void onStart(TorchStart start) {}

    @Override
    public void whileRunning() {}

    @Override
    public void onStep(int step, int totalSteps, double loss, double lr) {}

    @Override
    public void onCheckpoint(int step, Path checkpoint) {}

    @Override
    public void onEval(int step, Map<String, Double> losses) {}
  };
}
