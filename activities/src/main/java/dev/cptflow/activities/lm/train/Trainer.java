package dev.cptflow.activities.lm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cptflow.activities.cores.CoreBudget;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.TokenLogProbs;
import dev.cptflow.workflows.api.stage.TrainOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Causal-LM training on packed blocks: gradient accumulation, global-norm clipping, AdamW, warmup then
 * cosine, held-out loss every {@code evalEvery} steps, a checkpoint every {@code checkpointEvery} steps
 * and at the end. On CPU a run resumed from a checkpoint continues bit for bit as if it never stopped.
 *
 * <p>Writes {@code losses.jsonl} ({@code {"step","loss","lr"}} per step), {@code eval.jsonl},
 * {@code checkpoints/step-K/} and {@code final/} under the output directory.
 */
public final class Trainer {
  public static final String LOSSES = TrainOutput.LOSSES;
  public static final String EVALS = TrainOutput.EVALS;
  public static final String FINAL = TrainOutput.FINAL;
  /** Padded tokens per forward pass when scoring held-out sets. */
  private static final int EVAL_TOKEN_BUDGET = 8192;
  /**
   * The log lines' JSON. Doubles are written by {@link Double#toString} (Jackson's default writer), and a NaN or
   * infinite loss stays a bare {@code NaN}/{@code Infinity} token, read back as such, as the logs have always had it.
   */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private final GptNeoX model;
  private final BlockFile blocks;
  private final TrainConfig config;
  private final Path out;
  private final Path tokenizerJson;
  private final Map<String, List<int[]>> evalSets;
  private final int eosId;
  private final TrainListener listener;

  /**
   * @param model for a resumed run, loaded from {@link Checkpoints#latest} of {@code out}
   * @param evalSets named held-out sets, tokenized
   */
  public Trainer(GptNeoX model, BlockFile blocks, TrainConfig config, Path out, Path tokenizerJson,
      Map<String, List<int[]>> evalSets, int eosId, TrainListener listener) {
    this.model = model;
    this.blocks = blocks;
    this.config = config;
    this.out = out;
    this.tokenizerJson = tokenizerJson;
    this.evalSets = evalSets;
    this.eosId = eosId;
    this.listener = listener;
  }

  /** What a run produced. */
  public record Result(int steps, long tokensTrained, double finalLoss, Path finalModel, Map<String, Double> finalEval) {}

  /** @param resumeFrom the checkpoint the model was loaded from, or empty for a fresh run */
  public Result train(Optional<Path> resumeFrom) throws IOException {
    Files.createDirectories(out);
    AdamW optimizer = new AdamW(model.parameters(), config.weightDecay());
    int step = 0;
    long samples = 0;
    if (resumeFrom.isPresent()) {
      TrainerState state = TrainerState.read(resumeFrom.get());
      optimizer.restore(Checkpoints.optimizerState(resumeFrom.get()), state.step());
      step = state.step();
      samples = state.samplesConsumed();
      // A run that crashed after its last checkpoint logged steps that will now be redone.
      truncateLog(out.resolve(LOSSES), step);
      truncateLog(out.resolve(EVALS), step);
    } else if (Checkpoints.latest(out).isPresent()) {
      throw new IllegalArgumentException(out + " already holds checkpoints; resume from them or use another output directory");
    } else {
      Files.deleteIfExists(out.resolve(LOSSES));
      Files.deleteIfExists(out.resolve(EVALS));
    }

    model.setTrainable(true);
    Collection<NDArray> parameters = model.parameters().values();
    DataOrder order = new DataOrder(blocks.blocks(), config.seed());
    LrSchedule schedule = config.schedule();
    double loss = Double.NaN;
    Map<String, Double> lastEval = Map.of();
    try (BufferedWriter losses = appender(out.resolve(LOSSES))) {
      while (step < config.steps()) {
        double lr = schedule.at(step);
        double lossSum = 0;
        try (CoreBudget.Hold cores = CoreBudget.process().hold(LmRuntime.threads())) {
          try (GradientCollector collector = LmRuntime.engine().newGradientCollector()) {
            for (int micro = 0; micro < config.gradAccum(); micro++) {
              long[][] batch = new long[config.microBatch()][];
              for (int row = 0; row < batch.length; row++) {
                batch[row] = longs(blocks.block(order.block(samples++)));
              }
              lossSum += microStep(collector, batch);
            }
          }
          GradientClipping.clip(parameters, config.clipNorm());
          optimizer.step(model.parameters(), lr);
          GradientClipping.zero(parameters);
        }
        step++;
        loss = lossSum / config.gradAccum();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", loss);
        values.put("lr", lr);
        losses.write(logLine(step, values));
        losses.flush();
        listener.onStep(step, config.steps(), loss, lr);
        if (step % config.evalEvery() == 0 || step == config.steps()) {
          lastEval = evaluate(step);
        }
        if (step % config.checkpointEvery() == 0 || step == config.steps()) {
          int epoch = (int) (samples / blocks.blocks());
          Path checkpoint = Checkpoints.write(out, model, optimizer, new TrainerState(step, samples, config.seed(), epoch, lr), tokenizerJson);
          listener.onCheckpoint(step, checkpoint);
        }
      }
    }
    Path finalModel = out.resolve(FINAL);
    ModelFiles.save(model.config(), model.weights(), tokenizerJson, finalModel);
    long tokensTrained = (long) config.steps() * config.gradAccum() * config.microBatch() * (blocks.seqLen() - 1);
    return new Result(step, tokensTrained, loss, finalModel, lastEval);
  }

  /** One micro-batch: forward, loss, and backward into the accumulated gradients. Returns the loss. */
  private double microStep(GradientCollector collector, long[][] batch) {
    try (NDScope scope = new NDScope();
        NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      NDArray ids = model.tokens(manager, batch);
      NDArray inputs = ids.get(":, :-1");
      NDArray targets = ids.get(":, 1:");
      NDArray loss = TokenLogProbs.of(model, inputs, targets, null, false).get(0).mean().neg();
      // Dividing here makes the accumulated gradient the mean over micro-batches. The divisor is an array of this
      // micro-step's manager, alive through backward (see GptNeoX.attention on DJL's Number operands).
      collector.backward(loss.div(manager.create((float) config.gradAccum())));
      return loss.getFloat();
    }
  }

  /** Token-weighted mean NLL of each held-out set, logged to eval.jsonl. */
  private Map<String, Double> evaluate(int step) throws IOException {
    Map<String, Double> results = new LinkedHashMap<>();
    LmScorer scorer = new LmScorer(model, EVAL_TOKEN_BUDGET, 64);
    for (Map.Entry<String, List<int[]>> set : evalSets.entrySet()) {
      results.put(set.getKey(), scorer.corpusNll(set.getValue(), config.evalMaxTokens(), eosId));
    }
    if (!results.isEmpty()) {
      Files.writeString(out.resolve(EVALS), logLine(step, results), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      listener.onEval(step, results);
    }
    return results;
  }

  private static BufferedWriter appender(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * One line of {@code losses.jsonl} or {@code eval.jsonl}: {@code {"step":K,"name":value,...}}, compact, the values in
   * the map's order, ending in a newline.
   */
  static String logLine(int step, Map<String, Double> values) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator line = JSON.createGenerator(text)) {
      line.writeStartObject();
      line.writeNumberField("step", step);
      for (Map.Entry<String, Double> value : values.entrySet()) {
        line.writeFieldName(value.getKey());
        if (value.getValue() == null) {
          line.writeNull();
        } else {
          line.writeNumber(value.getValue().doubleValue());
        }
      }
      line.writeEndObject();
    }
    return text.append('\n').toString();
  }

  /**
   * Keeps the log lines of steps up to {@code lastStep}, unchanged. A line that is not a JSON object with an integer
   * {@code step} (one cut short by a crash) is dropped.
   */
  static void truncateLog(Path log, int lastStep) throws IOException {
    if (!Files.exists(log)) {
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode step = stepOf(line);
      if (step != null && step.canConvertToInt() && step.intValue() <= lastStep) {
        kept.add(line);
      }
    }
    Files.write(log, kept);
  }

  /** The {@code step} field of a log line, if the line is a JSON object with an integer one. */
  private static JsonNode stepOf(String line) {
    try {
      JsonNode root = JSON.readTree(line);
      JsonNode step = root == null ? null : root.get("step");
      return step != null && step.isIntegralNumber() ? step : null;
    } catch (JsonProcessingException cutShort) {
      return null;
    }
  }

  private static long[] longs(int[] tokens) {
    long[] values = new long[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      values[i] = tokens[i];
    }
    return values;
  }
}
