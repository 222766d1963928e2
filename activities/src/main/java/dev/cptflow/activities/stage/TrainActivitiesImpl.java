package dev.cptflow.activities.stage;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Checkpoints;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.PackOutput;
import dev.cptflow.workflows.api.stage.TrainOutput;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.TrainParams;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The training activity: one epoch (or {@code epochs}) over a variant's packed blocks, from the base model, by the
 * LM core's {@link Trainer} in this process ({@code engine: djl}) or by the torch engine's processes
 * ({@link TorchTraining}). Every checkpoint goes to the store (see {@link CheckpointSync}) and into the
 * heartbeat as {@code {step, checkpoint key}}; a retry, on any worker, resumes from the newest stored
 * checkpoint, with the loss log as it stood then. Held-out loss on the domain split and the general set is
 * logged every {@code eval_every} steps. Outputs: {@code final/} (HF layout), {@code losses.jsonl},
 * {@code eval.jsonl} and {@code cost.json}.
 */
public class TrainActivitiesImpl implements TrainActivities {
  public static final String COST = TrainOutput.COST;
  /** Held-out documents per set that the in-training evaluation reads; the eval stage reads them all. */
  public static final int EVAL_DOCS = 256;
  /** DJL's gradient collector is process-wide, so one worker process trains one model at a time. */
  private static final Semaphore ONE_TRAINING = new Semaphore(1, true);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StageContext context;

  public TrainActivitiesImpl(StageContext context) {
    this.context = context;
  }

  @Override
  public StageResult train(NodeRequest request) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    AtomicReference<TrainProgress> progress = new AtomicReference<>(
        activity.getHeartbeatDetails(TrainProgress.class).orElse(TrainProgress.start(request.node().id()))
            .on(request.node().id(), true));
    TrainParams params = request.params(TrainParams.class);
    // Torch training runs in processes of its own; only DJL's one gradient collector per JVM must be shared.
    boolean inThisProcess = params.engine() == TrainEngine.DJL;
    try (Heartbeats heartbeats = new Heartbeats(activity, 10, progress::get)) {
      if (inThisProcess) {
        acquire();
      }
      progress.set(progress.get().on(request.node().id(), false));
      try {
        return run(request, params, activity, progress);
      } catch (IOException e) {
        throw new UncheckedIOException(request.node().id() + ": " + e.getMessage(), e);
      } finally {
        if (inThisProcess) {
          ONE_TRAINING.release();
        }
      }
    }
  }

  private static void acquire() {
    try {
      while (!ONE_TRAINING.tryAcquire(10, TimeUnit.SECONDS)) {
        // Heartbeats keep flowing while this waits for the model ahead of it.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for another training run", e);
    }
  }

  private StageResult run(NodeRequest request, TrainParams params, ActivityExecutionContext activity,
      AtomicReference<TrainProgress> progress) throws IOException {
    long started = System.nanoTime();
    ArtifactStore store = context.stores().open(request.storeUri());
    String prefix = request.outputPrefix();
    CheckpointSync checkpoints = new CheckpointSync(store, prefix);
    try (ScratchDirectory scratch = context.artifacts().scratch()) {
      Path baseModel = StageFailures.validating(() -> context.models().resolve(params.baseModel()));
      Path tokenizerJson = baseModel.resolve(ModelFiles.TOKENIZER);
      PackOutput pack = request.input(NodeIds.pack(request.node().variant()), PackOutput.class);
      // In place for a local store; downloaded once into the cache from S3 (cas content never changes).
      Path blocksDir = context.artifacts().directory(store, pack.prefix());
      Path out = scratch.resolve("run");
      Files.createDirectories(out);
      Optional<Path> resumeFrom = resumePoint(checkpoints, scratch.resolve("resume"), out);
      progress.set(progress.get().resumed(activity.getInfo().getAttempt(), resumeFrom.map(Checkpoints::stepOf).orElse(0)));
      activity.heartbeat(progress.get());
      double secondsBefore = resumeFrom.isPresent() ? previousSeconds(resumeFrom.get()) : 0;
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson);
          BlockFile blocks = BlockFile.open(blocksDir)) {
        if (!blocks.metadata().tokenizerSha256().equals(tokenizer.sha256())) {
          throw StageFailures.validation(request.node().id() + ": blocks were packed with another tokenizer than "
              + params.baseModel() + "'s");
        }
        TrainConfig config = StageFailures.validating(() -> TrainRun.config(params, blocks));
        Map<String, List<int[]>> evalSets = evalSets(request, store, tokenizer);
        long tokensPerStep = (long) config.gradAccum() * config.microBatch() * (blocks.seqLen() - 1);
        StoreListener listener = new StoreListener(activity, progress, checkpoints, out, started, secondsBefore, tokensPerStep);
        Trained trained;
        if (params.engine() == TrainEngine.TORCH) {
          trained = new TorchTraining(torchRuntime(request), store, prefix, activity.getInfo().getAttempt())
              .train(request.node().id(), scratch.resolve("job"), baseModel, resumeFrom, blocksDir, out, tokenizer.eosId(),
                  evalSets, config, listener);
        } else {
          Device device = LmRuntime.defaultDevice();
          listener.costs((tokens, seconds) -> TrainCost.djl(tokens, seconds, device));
          try (GptNeoX model = ModelFiles.load(resumeFrom.orElse(baseModel), device)) {
            trained = new Trained(new Trainer(model, blocks, config, out, tokenizerJson, evalSets, tokenizer.eosId(), listener)
                .train(resumeFrom), listener.costs());
          }
        }
        Trainer.Result result = trained.result();
        double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
        JSON.writeValue(out.resolve(COST).toFile(), trained.costs().at(result.tokensTrained(), seconds));
        upload(store, prefix, out, result.finalModel());
        checkpoints.deleteAll();
        int resumedFromStep = resumeFrom.map(Checkpoints::stepOf).orElse(0);
        TrainOutput output = new TrainOutput(prefix, result.steps(), result.tokensTrained(), result.finalLoss(), seconds,
            resumedFromStep, new TreeMap<>(result.finalEval()), Files.exists(out.resolve(TrainOutput.EVALS)));
        SortedMap<String, Double> counters = new TreeMap<>();
        counters.put("steps", (double) result.steps());
        counters.put("tokens", (double) result.tokensTrained());
        counters.put("loss", result.finalLoss());
        counters.put("seconds", seconds);
        // 0 for a run that started fresh; else the stored checkpoint an earlier attempt left, which this one resumed.
        counters.put("resumed_from_step", (double) resumedFromStep);
        result.finalEval().forEach((set, loss) -> counters.put("eval_" + set, loss));
        return request.result(output, counters);
      }
    }
  }

  /** The worker's torch engine; a worker without one never gets torch training (it does not serve the torch queue). */
  private TorchRuntime torchRuntime(NodeRequest request) {
    if (context.torch() == null) {
      throw new IllegalStateException(request.node().id() + ": this worker cannot run the torch engine; start workers "
          + "for it with --queues torch");
    }
    return context.torch();
  }

  /** The newest stored checkpoint, downloaded, with its logs restored into {@code out}. */
  private static Optional<Path> resumePoint(CheckpointSync checkpoints, Path dir, Path out) throws IOException {
    Optional<String> newest = checkpoints.newest();
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Path local = checkpoints.download(newest.get(), dir);
    Path logs = local.resolve(CheckpointSync.LOGS);
    if (Files.isDirectory(logs)) {
      try (var files = Files.list(logs)) {
        for (Path log : files.toList()) {
          Files.copy(log, out.resolve(log.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return Optional.of(local);
  }

  private static double previousSeconds(Path checkpoint) throws IOException {
    Path cost = checkpoint.resolve(CheckpointSync.LOGS).resolve(COST);
    return Files.exists(cost) ? JSON.readValue(cost.toFile(), TrainCost.class).wallSeconds() : 0;
  }

  /** The held-out domain split and, when the sweep has one, the general set; the first {@link #EVAL_DOCS} of each. */
  private Map<String, List<int[]>> evalSets(NodeRequest request, ArtifactStore store, LmTokenizer tokenizer) {
    Map<String, List<int[]>> sets = new LinkedHashMap<>();
    IngestOutput corpus = request.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class);
    Path heldout = new IngestOutputs(store, context.artifacts(), corpus).heldout();
    if (heldout != null) {
      sets.put("domain", firstDocuments(heldout, tokenizer));
    }
    request.optionalInput(NodeIds.ingest(IngestSet.GENERAL), IngestOutput.class).ifPresent(set -> {
      IngestOutputs general = new IngestOutputs(store, context.artifacts(), set);
      if (general.shardCount() > 0) {
        sets.put("general", firstDocuments(general.shard(0), tokenizer));
      }
    });
    sets.values().removeIf(List::isEmpty);
    return sets;
  }

  private static List<int[]> firstDocuments(Path shard, LmTokenizer tokenizer) {
    List<String> texts = new ArrayList<>();
    try (ShardReader reader = ShardReader.open(shard)) {
      while (reader.hasNext() && texts.size() < EVAL_DOCS) {
        Document document = reader.next();
        texts.add(document.text());
      }
    }
    return texts.isEmpty() ? List.of() : tokenizer.encodeBatch(texts);
  }

  private static void upload(ArtifactStore store, String prefix, Path out, Path finalModel) throws IOException {
    try (var files = Files.list(finalModel)) {
      for (Path file : files.sorted().toList()) {
        store.put(prefix + "/" + TrainOutput.FINAL + "/" + file.getFileName(), file);
      }
    }
    for (String log : List.of(TrainOutput.LOSSES, TrainOutput.EVALS, TrainOutput.COST)) {
      if (Files.exists(out.resolve(log))) {
        store.put(prefix + "/" + log, out.resolve(log));
      }
    }
  }

  /** Turns trainer events into heartbeats and stored checkpoints, the cost so far travelling with each. */
  static final class StoreListener implements TrainListener {
    private final ActivityExecutionContext context;
    private final AtomicReference<TrainProgress> progress;
    private final CheckpointSync checkpoints;
    private final Path out;
    private final long started;
    private final double secondsBefore;
    private final long tokensPerStep;
    private CostMeter costs;

    StoreListener(ActivityExecutionContext context, AtomicReference<TrainProgress> progress, CheckpointSync checkpoints,
        Path out, long started, double secondsBefore, long tokensPerStep) {
      this.context = context;
      this.progress = progress;
      this.checkpoints = checkpoints;
      this.out = out;
      this.started = started;
      this.secondsBefore = secondsBefore;
      this.tokensPerStep = tokensPerStep;
    }

    /** How the engine's cost is described, known once it runs. */
    void costs(CostMeter meter) {
      this.costs = meter;
    }

    CostMeter costs() {
      return costs;
    }

    /** From the thread that drives training, so a cancellation or a worker shutdown stops training here. */
    void heartbeat() {
      context.heartbeat(progress.get());
    }

    @Override
    public void onStep(int step, int totalSteps, double loss, double lr) {
      progress.set(progress.get().atStep(step, totalSteps, loss));
      heartbeat();
    }

    @Override
    public void onCheckpoint(int step, Path checkpoint) {
      try {
        double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
        // The cost so far travels with the checkpoint, so a resumed run adds to its wall time.
        JSON.writeValue(out.resolve(COST).toFile(), costs.at(step * tokensPerStep, seconds));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String key = checkpoints.upload(step, checkpoint,
          List.of(out.resolve(Trainer.LOSSES), out.resolve(Trainer.EVALS), out.resolve(COST)));
      progress.set(progress.get().withCheckpoint(step, key));
      heartbeat();
      checkpoints.pruneBefore(step);
      try {
        // The store has it now; local disk keeps only the newest, since a large model's checkpoints fill it fast.
        Checkpoints.deleteOlderThan(out, step);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void onEval(int step, Map<String, Double> losses) {}
  }

  /** A cost record for {@code tokens} trained in {@code seconds}, as the engine that trained them describes itself. */
  @FunctionalInterface
  interface CostMeter {
    TrainCost at(long tokens, double seconds);
  }

  /** What either engine hands back: its result, and how to describe its cost. */
  record Trained(Trainer.Result result, CostMeter costs) {}
}
