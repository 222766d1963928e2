package dev.cptflow.cli.commands;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.TokenLogProbs;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.GradientClipping;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.activities.torch.TorchJob;
import dev.cptflow.activities.torch.TorchListener;
import dev.cptflow.activities.torch.TorchRun;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.activities.torch.TorchTrainerFailure;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.PresetOption;
import dev.cptflow.cli.options.TorchOptions;
import dev.cptflow.workflows.api.stage.SpecEnum;
import dev.cptflow.workflows.api.stage.TrainEngine;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lm", mixinStandardHelpOptions = true,
    description = {
      "Tokens/s of perplexity scoring and of training on a Pythia-shaped model with random weights, each next",
      "to a bare loop of its engine on the same shapes (forward; forward + backward), measured in this run:",
      "djl (this process) and torch (the torch engine: its trainer at each --processes count, its held-out scoring,",
      "and bare eager PyTorch). Each row shows GFLOP/s and the share of the cores' peak."
    })
public class BenchLmCommand extends CommandBase {
  @Mixin PresetOption preset;
  @Mixin TorchOptions torch;

  @Option(names = "--engine", split = ",", defaultValue = "djl", showDefaultValue = Visibility.ALWAYS, paramLabel = "E",
      description = "Engines to measure: djl, torch.")
  List<String> engines;

  @Option(names = "--processes", split = ",", defaultValue = "1,2", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Torch trainer processes (DDP ranks) to measure training at; the global batch stays the same.")
  List<Integer> processes;

  @Option(names = "--peak-gflops", paramLabel = "X",
      description = {"The devices' peak in GFLOP/s, if known: on GPUs their dense bf16 peak times --processes",
          "(989000 for one H100). Default: the cores', clock x 32 float32 FLOP/cycle each."})
  Double peakGflops;

  @Option(names = "--trainer-flags", paramLabel = "FLAGS", defaultValue = "",
      description = "Flags for the torch trainer, as a launch template puts them after {args}: '--parallel fsdp'.")
  String trainerFlags;

  @Option(names = "--seq-len", defaultValue = "256", showDefaultValue = Visibility.ALWAYS, paramLabel = "L")
  int seqLen;

  @Option(names = "--batch", defaultValue = "4", showDefaultValue = Visibility.ALWAYS, paramLabel = "B")
  int batch;

  @Option(names = "--iterations", defaultValue = "3", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Measured scoring batches, and training steps, per row, after one warm-up.")
  int iterations;

  @Option(names = "--grad-accum", defaultValue = "4", showDefaultValue = Visibility.ALWAYS, paramLabel = "A",
      description = "Micro-batches per training step: the optimizer's cost is spread over A forward/backward passes.")
  int gradAccum;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    List<TrainEngine> measured = new ArrayList<>();
    for (String engine : engines) {
      try {
        measured.add(SpecEnum.parse(TrainEngine.class, engine, "--engine"));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    if (processes.stream().anyMatch(count -> count < 1 || (batch * gradAccum) % count != 0)) {
      throw new UserError("--processes: each must divide --batch x --grad-accum = " + batch * gradAccum + ", got " + processes);
    }
    TorchRuntime engine = measured.contains(TrainEngine.TORCH) ? torch.usableRuntime("--engine torch") : null;
    NeoXConfig config = preset.config(50304);
    Map<String, float[]> weights = GptNeoX.randomWeights(config, 1);
    long[][][] batches = randomBatches(config.vocabSize(), (iterations + 1) * gradAccum, batch, seqLen, 7);
    CpuPeak peak = CpuPeak.ofThisMachine(peakGflops);
    double trainFlops = CpuPeak.trainingFlopsPerToken(config, seqLen);
    double scoreFlops = CpuPeak.scoringFlopsPerToken(config, seqLen);
    out.printf(Locale.ROOT, "lm bench: %s (%,d parameters), %d x %d tokens per batch, %d batches per training step, %d cores%n",
        preset.name(), config.parameterCount(), batch, seqLen, gradAccum, Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "FLOPs per token: training %.3g, scoring %.3g; peak %.0f GFLOP/s (%s)%n", trainFlops, scoreFlops,
        peak.gflops(), peak.source());
    out.printf(Locale.ROOT, "%-7s %5s %-6s %12s %12s %7s %8s %7s%n", "engine", "procs", "stage", "cpt tok/s", "raw tok/s", "ratio",
        "GFLOP/s", "peak");
    out.flush();
    Path dir = Files.createTempDirectory("cpt-bench-lm");
    try {
      Path blocks = blocks(batches, dir.resolve("blocks"));
      Double djlTrain = null;
      Double djlRawTrain = null;
      if (measured.contains(TrainEngine.DJL)) {
        try (GptNeoX model = GptNeoX.fromWeights(config, weights::get, LmRuntime.defaultDevice())) {
          out.println("djl: " + LmRuntime.describe());
          double rawScore = rawForward(model, batches);
          row(out, "djl", 1, "score", scoring(model, batches), rawScore, peak, scoreFlops);
          djlRawTrain = rawForwardBackward(model, batches);
          djlTrain = training(model, blocks, dir.resolve("djl"));
          row(out, "djl", 1, "train", djlTrain, djlRawTrain, peak, trainFlops);
        }
      }
      if (engine != null) {
        Path model = dir.resolve("model");
        ModelFiles.save(config, weights, null, model);
        weights = null; // the torch processes load their own copy
        out.println("torch: " + engine.probe().describe());
        out.flush();
        JsonNode bare = torchBench(engine, model, blocks);
        row(out, "torch", 1, "score", bare.get("score").asDouble(), bare.get("raw_forward").asDouble(), peak, scoreFlops);
        double rawTrain = bare.get("raw_forward_backward").asDouble();
        Double torchTrain = null;
        for (int count : processes) {
          double trained = torchTraining(engine, count, model, blocks, dir.resolve("torch-" + count));
          torchTrain = torchTrain == null ? trained : torchTrain;
          row(out, "torch", count, "train", trained, rawTrain, peak, trainFlops);
        }
        if (djlTrain != null) {
          out.printf(Locale.ROOT, "djl / torch on the same threads: trainer %.3f, bare forward + backward %.3f%n",
              djlTrain / torchTrain, djlRawTrain / rawTrain);
        }
      }
    } finally {
      LocalFiles.deleteRecursively(dir);
    }
    out.flush();
    return 0;
  }

  /** One measured stage: the engine's own path, the engine's bare loop, their ratio, and the path against the peak. */
  private static void row(PrintWriter out, String engine, int processes, String stage, double pipeline, double raw,
      CpuPeak peak, double flopsPerToken) {
    out.printf(Locale.ROOT, "%-7s %5d %-6s %,12.0f %,12.0f %7.3f %s%n", engine, processes, stage, pipeline, raw, pipeline / raw,
        peak.utilisation(pipeline, flopsPerToken));
    out.flush();
  }

  /** Tokens/s of LmScorer.meanNll over the same token sequences (each read after an EOS). */
  private double scoring(GptNeoX model, long[][][] batches) {
    LmScorer scorer = new LmScorer(model, batch * seqLen, batch);
    List<int[]> warmup = documents(batches[0]);
    scorer.meanNll(warmup, seqLen, 0);
    List<int[]> measured = new ArrayList<>();
    for (int i = 1; i <= iterations; i++) {
      measured.addAll(documents(batches[i]));
    }
    long start = System.nanoTime();
    scorer.meanNll(measured, seqLen, 0);
    return tokens(iterations) / seconds(start);
  }

  /** The bare engine: a forward pass to full logits, nothing else. */
  private double rawForward(GptNeoX model, long[][][] batches) {
    long start = 0;
    for (int i = 0; i <= iterations; i++) {
      if (i == 1) {
        start = System.nanoTime();
      }
      try (NDScope scope = new NDScope(); NDManager manager = model.manager().newSubManager()) {
        scope.suppressNotUsedWarning();
        model.forward(model.tokens(manager, batches[i]), null, null).getFloat(0, 0, 0);
      }
    }
    return tokens(iterations) / seconds(start);
  }

  /** The bare engine: forward, next-token loss and backward, nothing else (no optimizer, no clipping). */
  private double rawForwardBackward(GptNeoX model, long[][][] batches) {
    model.setTrainable(true);
    long start = 0;
    for (int i = 0; i < batches.length; i++) {
      if (i == gradAccum) {
        start = System.nanoTime();
      }
      try (NDScope scope = new NDScope(); NDManager manager = model.manager().newSubManager();
          GradientCollector collector = LmRuntime.engine().newGradientCollector()) {
        scope.suppressNotUsedWarning();
        NDArray ids = model.tokens(manager, batches[i]);
        NDArray loss = TokenLogProbs.of(model, ids.get(":, :-1"), ids.get(":, 1:"), null, false).get(0).mean().neg();
        collector.backward(loss);
        loss.getFloat();
      }
      GradientClipping.zero(model.parameters().values());
    }
    model.setTrainable(false);
    return tokens(iterations * gradAccum) / seconds(start);
  }

  /** The batches as training blocks, in order: documents of seqLen - 1 tokens plus EOS fill exactly one block each. */
  private Path blocks(long[][][] batches, Path dir) throws Exception {
    List<int[]> documents = new ArrayList<>();
    for (long[][] rows : batches) {
      for (long[] row : rows) {
        int[] document = new int[seqLen - 1];
        for (int t = 0; t < document.length; t++) {
          document[t] = (int) row[t];
        }
        documents.add(document);
      }
    }
    Packer.pack(documents.iterator(), seqLen, 0, "bench", dir);
    return dir;
  }

  /** The step both engines' trainers take: accumulation, clipping, AdamW; no checkpoint or held-out loss. */
  private TrainConfig benchConfig() {
    int steps = iterations + 1;
    return new TrainConfig(steps, steps, batch, gradAccum, 1e-4, 0.1, 0, false, 0.01, 1.0, 1_000_000, 1_000_000, 1, seqLen);
  }

  /** Tokens/s of the full Trainer step (accumulation, clipping, AdamW), timed from its second step. */
  private double training(GptNeoX model, Path blocksDir, Path out) throws Exception {
    long[] stepStarted = new long[2];
    TrainListener timer = new TrainListener() {
      @Override
      public void onStep(int step, int totalSteps, double loss, double lr) {
        if (step == 1) {
          stepStarted[0] = System.nanoTime();
        }
        if (step == totalSteps) {
          stepStarted[1] = System.nanoTime();
        }
      }

      @Override
      public void onCheckpoint(int step, Path checkpoint) {}

      @Override
      public void onEval(int step, Map<String, Double> losses) {}
    };
    try (BlockFile blocks = BlockFile.open(blocksDir)) {
      new Trainer(model, blocks, benchConfig(), out, null, Map.of(), 0, timer).train(Optional.empty());
    }
    return tokens(iterations * gradAccum) / ((stepStarted[1] - stepStarted[0]) / 1e9);
  }

  /** The torch engine's trainer on {@code processes} DDP ranks, timed from its second step by its own progress lines. */
  private double torchTraining(TorchRuntime engine, int processes, Path model, Path blocks, Path out) throws Exception {
    TorchRuntime launched = engine.withLauncher((processes == 1 ? "{python} {trainer} {args}"
        : "{torchrun} --standalone --nproc_per_node=" + processes + " {trainer} {args}") + " " + trainerFlags);
    Path job = out.resolve("job");
    TorchJob.write(job, model, null, blocks, out, 0, Map.of(), benchConfig());
    try {
      new TorchRun(launched).run(job, out, TorchListener.QUIET);
    } catch (TorchTrainerFailure failure) {
      throw new IllegalStateException(failure.getMessage() + " (whole log: " + failure.log() + ")", failure);
    }
    double first = Double.NaN;
    double last = Double.NaN;
    ObjectMapper json = new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    for (String line : Files.readAllLines(out.resolve(TorchRun.PROGRESS))) {
      JsonNode event = json.readTree(line);
      if (event.path("event").asText().equals("step")) {
        if (event.path("step").asInt() == 1) {
          first = event.path("seconds").asDouble();
        }
        last = event.path("seconds").asDouble();
      }
    }
    return tokens(iterations * gradAccum) / (last - first);
  }

  /** The torch engine's scoring and bare eager PyTorch on the same blocks: one JSON line from cpt_torch.bench. */
  private JsonNode torchBench(TorchRuntime engine, Path model, Path blocks) throws Exception {
    Process process = new ProcessBuilder(engine.python().toString(), "-m", "cpt_torch.bench", "--model", model.toString(),
        "--blocks", blocks.toString(), "--batch", Integer.toString(batch), "--iterations", Integer.toString(iterations),
        "--grad-accum", Integer.toString(gradAccum))
        .directory(engine.files().dir().toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the torch bench failed: " + String.join(" | ", output.strip().lines().toList()));
    }
    List<String> lines = output.strip().lines().toList();
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }

  private double tokens(int measuredBatches) {
    return (double) measuredBatches * batch * (seqLen - 1);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static List<int[]> documents(long[][] rows) {
    List<int[]> documents = new ArrayList<>();
    for (long[] row : rows) {
      int[] document = new int[row.length - 1];
      for (int t = 1; t < row.length; t++) {
        document[t - 1] = (int) row[t];
      }
      documents.add(document);
    }
    return documents;
  }

  private static long[][][] randomBatches(int vocab, int count, int batch, int seqLen, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[][][] batches = new long[count][batch][seqLen];
    for (long[][] rows : batches) {
      for (long[] row : rows) {
        row[0] = 0;
        for (int t = 1; t < seqLen; t++) {
          row[t] = 1 + random.nextInt(vocab - 1);
        }
      }
    }
    return batches;
  }
}
