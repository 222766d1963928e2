package dev.cptflow.cli.commands;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.TokenLogProbs;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.GradientClipping;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.cli.options.PresetOption;
import java.io.PrintWriter;
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
      "to a bare DJL loop on the same shapes (forward; forward + backward), measured in this run."
    })
public class BenchLmCommand extends CommandBase {
  @Mixin PresetOption preset;

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
    NeoXConfig config = preset.config(50304);
    Map<String, float[]> weights = GptNeoX.randomWeights(config, 1);
    long[][][] batches = randomBatches(config.vocabSize(), (iterations + 1) * gradAccum, batch, seqLen, 7);
    out.printf(Locale.ROOT, "lm bench: %s (%,d parameters), %d x %d tokens per batch, %d batches per training step, %s, %d cores%n",
        preset.name(), config.parameterCount(), batch, seqLen, gradAccum, LmRuntime.describe(), Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "%-8s %14s %14s %7s%n", "stage", "cpt tok/s", "raw tok/s", "ratio");
    out.flush();
    try (GptNeoX model = GptNeoX.fromWeights(config, weights::get, LmRuntime.defaultDevice())) {
      double rawScore = rawForward(model, batches);
      double score = scoring(model, batches);
      row(out, "score", score, rawScore);
      double rawTrain = rawForwardBackward(model, batches);
      double train = training(model, batches);
      row(out, "train", train, rawTrain);
    }
    return 0;
  }

  private static void row(PrintWriter out, String stage, double pipeline, double raw) {
    out.printf(Locale.ROOT, "%-8s %,14.0f %,14.0f %7.3f%n", stage, pipeline, raw, pipeline / raw);
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

  /** Tokens/s of the full Trainer step (accumulation, clipping, AdamW), timed from its second step. */
  private double training(GptNeoX model, long[][][] batches) throws Exception {
    Path dir = Files.createTempDirectory("cpt-bench-lm");
    try {
      List<int[]> blocksAsDocuments = new ArrayList<>();
      for (long[][] rows : batches) {
        for (long[] row : rows) {
          int[] document = new int[seqLen];
          for (int t = 0; t < seqLen; t++) {
            document[t] = (int) row[t];
          }
          blocksAsDocuments.add(document);
        }
      }
      // Documents of seqLen - 1 tokens plus EOS fill exactly one block each.
      List<int[]> trimmed = blocksAsDocuments.stream().map(d -> java.util.Arrays.copyOf(d, seqLen - 1)).toList();
      Packer.pack(trimmed.iterator(), seqLen, 0, "bench", dir.resolve("blocks"));
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
      int steps = iterations + 1;
      TrainConfig config = new TrainConfig(steps, steps, batch, gradAccum, 1e-4, 0.1, 0, false, 0.01, 1.0, 1_000_000, 1_000_000, 1, seqLen);
      try (BlockFile blocks = BlockFile.open(dir.resolve("blocks"))) {
        new Trainer(model, blocks, config, dir.resolve("out"), null, Map.of(), 0, timer).train(Optional.empty());
      }
      return tokens(iterations * gradAccum) / ((stepStarted[1] - stepStarted[0]) / 1e9);
    } finally {
      LocalFiles.deleteRecursively(dir);
    }
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
