package dev.cptflow.activities.stage;

import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.torch.TorchJob;
import dev.cptflow.activities.torch.TorchListener;
import dev.cptflow.activities.torch.TorchRun;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.activities.torch.TorchStart;
import dev.cptflow.activities.torch.TorchTrainerFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The train stage on the torch engine: the job goes to the worker's launcher, progress comes back as heartbeats and
 * stored checkpoints (as the DJL trainer's do), and a trainer that fails leaves its whole log in the store under
 * {@code attempts/<n>/trainer.log} and one line in the failure. A retry resumes from the newest stored checkpoint.
 */
final class TorchTraining {
  static final String ATTEMPTS = "attempts";

  private final TorchRuntime runtime;
  private final ArtifactStore store;
  private final String prefix;
  private final int attempt;

  TorchTraining(TorchRuntime runtime, ArtifactStore store, String prefix, int attempt) {
    this.runtime = runtime;
    this.store = store;
    this.prefix = prefix;
    this.attempt = attempt;
  }

  TrainActivitiesImpl.Trained train(String nodeId, Path jobDir, Path baseModel, Optional<Path> resumeFrom, Path blocks,
      Path out, int eosId, Map<String, List<int[]>> evalSets, TrainConfig config, TrainActivitiesImpl.StoreListener listener)
      throws IOException {
    TorchJob.write(jobDir, baseModel, resumeFrom.orElse(null), blocks, out, eosId, evalSets, config);
    AtomicReference<TorchStart> start = new AtomicReference<>();
    TrainActivitiesImpl.CostMeter costs = (tokens, seconds) -> TrainCost.torch(tokens, seconds, start.get());
    listener.costs(costs);
    try {
      TorchRun.Outcome outcome = new TorchRun(runtime).run(jobDir, out, new TorchListener() {
        @Override
        public void onStart(TorchStart started) {
          start.set(started);
        }

        @Override
        public void whileRunning() {
          listener.heartbeat();
        }

        @Override
        public void onStep(int step, int totalSteps, double loss, double lr) {
          listener.onStep(step, totalSteps, loss, lr);
        }

        @Override
        public void onCheckpoint(int step, Path checkpoint) {
          listener.onCheckpoint(step, checkpoint);
        }

        @Override
        public void onEval(int step, Map<String, Double> losses) {}
      });
      return new TrainActivitiesImpl.Trained(outcome.result(), costs);
    } catch (TorchTrainerFailure failure) {
      String where = keepLog(failure.log());
      String message = nodeId + ": " + failure.getMessage() + (where == null ? "" : " (whole log: " + where + ")");
      // The message says it all, the log's tail included: the trainer's Java-side stack would only add noise.
      throw failure.refused() ? StageFailures.validation(message) : new IllegalStateException(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(nodeId + ": interrupted while the torch trainer ran", e);
    }
  }

  /** The trainer's whole log, stored for the user; its URI, or null when there is none. */
  private String keepLog(Path log) {
    if (log == null || !Files.exists(log)) {
      return null;
    }
    String key = prefix + "/" + ATTEMPTS + "/" + attempt + "/" + TorchRun.LOG;
    store.put(key, log);
    return store.resolveUri(key);
  }
}
