package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.IngestSummary;
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
import dev.cptflow.activities.stage.IngestRun;
import dev.cptflow.activities.stage.PackRun;
import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.stage.TrainActivitiesImpl;
import dev.cptflow.activities.stage.TrainRun;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.torch.TorchJob;
import dev.cptflow.activities.torch.TorchListener;
import dev.cptflow.activities.torch.TorchRun;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.activities.torch.TorchStart;
import dev.cptflow.activities.torch.TorchTrainerFailure;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.CleaningOptions;
import dev.cptflow.cli.options.SeedOption;
import dev.cptflow.cli.options.SourceOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.TorchOptions;
import dev.cptflow.cli.options.TrainingOptions;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.IngestSource;
import dev.cptflow.workflows.api.stage.SourceFormat;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.TrainParams;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    header = "Continue pre-training a GPT-NeoX model on a corpus, without Temporal, as a sweep's train stage does.",
    description = {
      "Continue pre-training a GPT-NeoX model on a corpus, without Temporal, with",
      "the stages a sweep runs: the corpus is ingested (NFC, exact dedup) into",
      "OUT/data, packed into OUT/blocks and trained for --epochs with the spec's",
      "training defaults. Writes OUT/losses.jsonl ({\"step\",\"loss\",\"lr\"} per",
      "step), OUT/eval.jsonl, OUT/checkpoints/step-K/ and OUT/final/ (HF layout).",
      "--resume continues from the newest checkpoint in OUT, bit for bit on CPU.",
      "--engine torch trains with PyTorch through --train-launcher instead of in",
      "this process."
    })
public class TrainCommand extends CommandBase {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (HF layout) to start from.")
  String modelDir;

  @Mixin SourceOptions source;
  @Mixin CleaningOptions cleaning;
  @Mixin TrainingOptions training;
  @Mixin SeedOption seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--steps", paramLabel = "N",
      description = "Stop after this optimizer step (default: the end of --epochs). The schedule's horizon stays the whole run.")
  Integer steps;

  @Option(names = "--eval", arity = "1..*", paramLabel = "FILE",
      description = "Held-out text whose loss is logged every --eval-every steps (the first "
          + TrainActivitiesImpl.EVAL_DOCS + " documents, as a sweep's training does), named by its file name.")
  List<Path> eval = List.of();

  @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
  boolean resume;

  @Mixin StoreOptions storeOptions;
  @Mixin TorchOptions torch;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = out();
    TrainParams params = training.params(modelDir, seed.seed());
    if (steps != null && steps < 1) {
      throw new UserError("--steps: must be at least 1, got " + steps);
    }
    TorchRuntime engine = params.engine() == TrainEngine.TORCH ? torch.usableRuntime("--engine torch") : null;
    Optional<Path> checkpoint = resume ? Checkpoints.latest(out) : Optional.empty();
    if (resume && checkpoint.isEmpty()) {
      console.println("no checkpoint in " + out + " yet; starting from " + modelDir);
    }
    try (StoreRegistry stores = storeOptions.registry()) {
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      Path model = context.models().resolve(modelDir);
      Path tokenizerJson = model.resolve(ModelFiles.TOKENIZER);
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson);
          BlockFile blocks = blocks(context, tokenizer, checkpoint.isPresent(), console)) {
        Map<String, List<int[]>> evalSets = evalSets(context, tokenizer);
        TrainConfig config = TrainRun.config(params, blocks, steps);
        Path startFrom = checkpoint.orElse(model);
        console.printf(Locale.ROOT, "training %s from %s on %s: %d blocks of %d tokens, %d of %d steps x %d x %d blocks%n",
            model.getFileName(), startFrom, engine == null ? LmRuntime.describe() : engine.probe().describe(), blocks.blocks(),
            blocks.seqLen(), config.steps(), config.scheduleSteps(), config.gradAccum(), config.microBatch());
        console.flush();
        ConsoleProgress progress = new ConsoleProgress(console, Math.max(1, config.steps() / 20));
        Trainer.Result result = engine == null
            ? trainHere(startFrom, blocks, config, tokenizerJson, evalSets, tokenizer.eosId(), checkpoint, progress)
            : trainWithTorch(engine, model, checkpoint, config, evalSets, tokenizer.eosId(), progress);
        console.printf(Locale.ROOT, "done: %d steps, %,d tokens, final loss %.4f%s; model in %s%n", result.steps(),
            result.tokensTrained(), result.finalLoss(), result.finalEval().isEmpty() ? "" : ", held-out " + result.finalEval(),
            result.finalModel());
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    return 0;
  }

  private Trainer.Result trainHere(Path startFrom, BlockFile blocks, TrainConfig config, Path tokenizerJson,
      Map<String, List<int[]>> evalSets, int eosId, Optional<Path> checkpoint, ConsoleProgress progress) throws Exception {
    try (GptNeoX loaded = ModelFiles.load(startFrom, LmRuntime.defaultDevice())) {
      return new Trainer(loaded, blocks, config, out, tokenizerJson, evalSets, eosId, progress).train(checkpoint);
    }
  }

  /** The same run by the torch engine's processes; its job and log go to OUT/torch-job. */
  private Trainer.Result trainWithTorch(TorchRuntime engine, Path model, Optional<Path> checkpoint, TrainConfig config,
      Map<String, List<int[]>> evalSets, int eosId, ConsoleProgress progress) throws Exception {
    if (checkpoint.isEmpty() && Checkpoints.latest(out).isPresent()) {
      throw new UserError(out + " already holds checkpoints; resume from them (--resume) or use another output directory");
    }
    Path jobDir = out.resolve("torch-job");
    TorchJob.write(jobDir, model, checkpoint.orElse(null), out.resolve("blocks"), out, eosId, evalSets, config);
    try {
      return new TorchRun(engine).run(jobDir, out, new TorchListener() {
        @Override
        public void onStart(TorchStart start) {
          out().println("torch trainer started: " + start.describe());
          out().flush();
        }

        @Override
        public void whileRunning() {}

        @Override
        public void onStep(int step, int totalSteps, double loss, double lr) {
          progress.onStep(step, totalSteps, loss, lr);
        }

        @Override
        public void onCheckpoint(int step, Path path) {}

        @Override
        public void onEval(int step, Map<String, Double> losses) {
          progress.onEval(step, losses);
        }
      }).result();
    } catch (TorchTrainerFailure failure) {
      if (failure.refused()) {
        throw new UserError(failure.getMessage(), failure);
      }
      throw new IllegalStateException(failure.getMessage() + " (whole log: " + failure.log() + ")", failure);
    }
  }

  /** Ingests and packs the corpus once, as a sweep's stages do; a resumed run reuses the blocks it trained on. */
  private BlockFile blocks(StageContext context, LmTokenizer tokenizer, boolean resuming, PrintWriter console)
      throws Exception {
    Path dir = out.resolve("blocks");
    if (resuming && Files.exists(dir.resolve(BlockFile.METADATA))) {
      BlockFile blocks = BlockFile.open(dir);
      if (!blocks.metadata().tokenizerSha256().equals(tokenizer.sha256()) || blocks.seqLen() != training.seqLen()) {
        blocks.close();
        throw new UserError(dir + " was packed with another tokenizer or --seq-len; start a new --out");
      }
      return blocks;
    }
    Path data = out.resolve("data");
    IngestSummary ingested = IngestRun.run(context, new IngestParams(IngestSet.CORPUS, source.sources(), modelDir,
        cleaning.shardDocs(), cleaning.onBadRecord(), cleaning.dedup(), 0.0, seed.seed(), null), data);
    if (ingested.skipped().total() > 0) {
      console.println("skipped " + ingested.skipped().total() + " records: " + ingested.skipped().summary());
    }
    List<Path> shards = new ArrayList<>();
    for (int shard = 0; shard < ingested.shards(); shard++) {
      shards.add(data.resolve(IngestOutput.shardName(shard)));
    }
    PackRun.pack(shards, null, tokenizer, training.seqLen(), dir);
    return BlockFile.open(dir);
  }

  /** The first documents of each --eval file, read by the sweep's ingest, by file name. */
  private Map<String, List<int[]>> evalSets(StageContext context, LmTokenizer tokenizer) throws Exception {
    Map<String, List<int[]>> sets = new LinkedHashMap<>();
    for (Path file : eval) {
      Path dir = out.resolve("eval-sets").resolve(stem(file));
      IngestSource set = new IngestSource(file.toString(), source.sources().get(0).textField(), SourceFormat.AUTO, null, null);
      IngestSummary summary = IngestRun.run(context, new IngestParams(IngestSet.GENERAL, List.of(set), modelDir, 1_000_000,
          cleaning.onBadRecord(), true, 0.0, 0, TrainActivitiesImpl.EVAL_DOCS), dir);
      List<String> texts = new ArrayList<>();
      for (int shard = 0; shard < summary.shards(); shard++) {
        try (ShardReader reader = ShardReader.open(dir.resolve(IngestOutput.shardName(shard)))) {
          reader.forEachRemaining((Document document) -> texts.add(document.text()));
        }
      }
      sets.put(stem(file), tokenizer.encodeBatch(texts));
    }
    return sets;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** One line every {@code every} steps, with throughput. */
  private static final class ConsoleProgress implements TrainListener {
    private final PrintWriter out;
    private final int every;
    private final long started = System.nanoTime();

    ConsoleProgress(PrintWriter out, int every) {
      this.out = out;
      this.every = every;
    }

    @Override
    public void onStep(int step, int totalSteps, double loss, double lr) {
      if (step % every == 0 || step == totalSteps) {
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "step %d/%d  loss %.4f  lr %.3g  %.1fs%n", step, totalSteps, loss, lr, seconds);
        out.flush();
      }
    }

    @Override
    public void onCheckpoint(int step, Path checkpoint) {}

    @Override
    public void onEval(int step, Map<String, Double> losses) {
      out.printf(Locale.ROOT, "step %d  held-out %s%n", step, losses);
      out.flush();
    }
  }
}
