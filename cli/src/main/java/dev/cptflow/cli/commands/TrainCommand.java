package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.BadRecordPolicy;
import dev.cptflow.activities.corpus.BadRecords;
import dev.cptflow.activities.corpus.InputFile;
import dev.cptflow.activities.corpus.JsonlReader;
import dev.cptflow.activities.corpus.SkippedRecords;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Checkpoints;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import dev.cptflow.cli.UserError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {
      "Continue pre-training a GPT-NeoX model on a JSONL corpus, without Temporal.",
      "Writes OUT/losses.jsonl ({\"step\",\"loss\",\"lr\"} per step), OUT/eval.jsonl, OUT/checkpoints/step-K/ and",
      "OUT/final/ (HF layout). --resume continues from the newest checkpoint in OUT, bit for bit on CPU."
    })
public class TrainCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (HF layout) to start from.")
  Path modelDir;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Training text: JSONL, .jsonl.gz or .jsonl.zst.")
  Path data;

  @Option(names = "--text-field", defaultValue = "text", showDefaultValue = Visibility.ALWAYS, paramLabel = "F",
      description = "JSON field (dotted path) holding the text.")
  String textField;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--steps", required = true, paramLabel = "N", description = "Optimizer steps to stop after (in total, with --resume).")
  int steps;

  @Option(names = "--seq-len", required = true, paramLabel = "L", description = "Tokens per training block.")
  int seqLen;

  @Option(names = "--micro-batch", required = true, paramLabel = "B", description = "Blocks per forward pass.")
  int microBatch;

  @Option(names = "--grad-accum", defaultValue = "1", showDefaultValue = Visibility.ALWAYS, paramLabel = "A",
      description = "Micro-batches per optimizer step.")
  int gradAccum;

  @Option(names = "--lr", defaultValue = "3e-4", showDefaultValue = Visibility.ALWAYS, paramLabel = "X", description = "Peak learning rate.")
  double lr;

  @Option(names = "--warmup", defaultValue = "0", showDefaultValue = Visibility.ALWAYS, paramLabel = "W",
      description = "Warmup: a fraction of the schedule below 1, else steps.")
  double warmup;

  @Option(names = "--schedule", defaultValue = "constant", showDefaultValue = Visibility.ALWAYS, paramLabel = "S",
      description = "constant or cosine (after warmup).")
  String schedule;

  @Option(names = "--schedule-steps", paramLabel = "N",
      description = "Horizon of the cosine schedule (default: --steps). Keep it fixed across a stop and --resume.")
  Integer scheduleSteps;

  @Option(names = "--weight-decay", defaultValue = "0.01", showDefaultValue = Visibility.ALWAYS, paramLabel = "X")
  double weightDecay;

  @Option(names = "--clip-norm", defaultValue = "1.0", showDefaultValue = Visibility.ALWAYS, paramLabel = "X",
      description = "Global gradient-norm limit; 0 turns clipping off.")
  double clipNorm;

  @Option(names = "--checkpoint-every", defaultValue = "100", showDefaultValue = Visibility.ALWAYS, paramLabel = "K")
  int checkpointEvery;

  @Option(names = "--eval-every", defaultValue = "100", showDefaultValue = Visibility.ALWAYS, paramLabel = "K")
  int evalEvery;

  @Option(names = "--eval", paramLabel = "FILE", description = "Held-out JSONL whose loss is logged every --eval-every steps.")
  Path eval;

  @Option(names = "--seed", defaultValue = "1234", showDefaultValue = Visibility.ALWAYS, paramLabel = "S",
      description = "Seed of the document and block order.")
  long seed;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
  boolean resume;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    if (!Files.isRegularFile(data)) {
      throw new UserError("--data " + data + ": no such file");
    }
    if (!"constant".equals(schedule) && !"cosine".equals(schedule)) {
      throw new UserError("--schedule: must be constant or cosine, got '" + schedule + "'");
    }
    Optional<Path> checkpoint = resume ? Checkpoints.latest(this.out) : Optional.empty();
    if (resume && checkpoint.isEmpty()) {
      out.println("no checkpoint in " + this.out + " yet; starting from " + modelDir);
    }
    Path tokenizerJson = modelDir.resolve(ModelFiles.TOKENIZER);
    TrainConfig config;
    try {
      config = new TrainConfig(steps, scheduleSteps == null ? steps : scheduleSteps, microBatch, gradAccum, lr, 0.1, warmup,
          "cosine".equals(schedule), weightDecay, clipNorm, checkpointEvery, evalEvery, seed, seqLen);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      BlockFile blocks = blocks(tokenizer, checkpoint.isPresent(), out);
      Map<String, List<int[]>> evalSets = eval == null ? Map.of() : Map.of(stem(eval), tokenize(tokenizer, eval, out));
      Path startFrom = checkpoint.orElse(modelDir);
      out.printf(Locale.ROOT, "training %s from %s on %s: %d blocks of %d tokens, %d steps x %d x %d blocks%n",
          modelDir.getFileName(), startFrom, LmRuntime.describe(), blocks.blocks(), blocks.seqLen(), steps, gradAccum, microBatch);
      out.flush();
      try (blocks; GptNeoX model = ModelFiles.load(startFrom, LmRuntime.defaultDevice())) {
        Trainer.Result result = new Trainer(model, blocks, config, this.out, tokenizerJson, evalSets, tokenizer.eosId(),
            new ConsoleProgress(out, Math.max(1, steps / 20))).train(checkpoint);
        out.printf(Locale.ROOT, "done: %d steps, %,d tokens, final loss %.4f%s; model in %s%n", result.steps(), result.tokensTrained(),
            result.finalLoss(), result.finalEval().isEmpty() ? "" : ", held-out " + result.finalEval(), result.finalModel());
      }
    }
    return 0;
  }

  /** Packs the data once; a resumed run reuses the blocks it trained on, after checking the tokenizer. */
  private BlockFile blocks(LmTokenizer tokenizer, boolean resuming, PrintWriter out) throws Exception {
    Path dir = this.out.resolve("blocks");
    if (resuming && Files.exists(dir.resolve(BlockFile.METADATA))) {
      BlockFile blocks = BlockFile.open(dir);
      if (!blocks.metadata().tokenizerSha256().equals(tokenizer.sha256()) || blocks.seqLen() != seqLen) {
        blocks.close();
        throw new UserError(dir + " was packed with another tokenizer or --seq-len; start a new --out");
      }
      return blocks;
    }
    List<int[]> documents = tokenize(tokenizer, data, out);
    // The document order is part of the run: seeded, so the same command packs the same blocks.
    Collections.shuffle(documents, new Random(seed));
    Packer.pack(documents.iterator(), seqLen, tokenizer.eosId(), tokenizer.sha256(), dir);
    return BlockFile.open(dir);
  }

  private List<int[]> tokenize(LmTokenizer tokenizer, Path file, PrintWriter out) {
    List<String> texts = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    new JsonlReader(textField).read(InputFile.local(file), record -> texts.add(record.text()), bad);
    SkippedRecords skipped = bad.snapshot();
    if (skipped.total() > 0) {
      out.println("skipped " + skipped.total() + " records of " + file + ": " + skipped.summary());
    }
    if (texts.isEmpty()) {
      throw new UserError(file + ": no usable records (field '" + textField + "')");
    }
    List<int[]> documents = new ArrayList<>(texts.size());
    for (int start = 0; start < texts.size(); start += 512) {
      documents.addAll(tokenizer.encodeBatch(texts.subList(start, Math.min(texts.size(), start + 512))));
    }
    return documents;
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
