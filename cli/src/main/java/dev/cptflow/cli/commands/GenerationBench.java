package dev.cptflow.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.eval.run.DjlLanguageModel;
import dev.cptflow.activities.eval.run.EvalProgress;
import dev.cptflow.activities.eval.run.EvalRun;
import dev.cptflow.activities.eval.run.EvalSettings;
import dev.cptflow.activities.eval.run.TaskDataLoader;
import dev.cptflow.activities.eval.run.TaskEvaluator;
import dev.cptflow.activities.eval.task.TaskConfig;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.lm.Generator;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generation half of {@code cpt bench eval}: FPB run FLARE's way (generated answers, batched with the KV cache)
 * against a bare DJL decode loop over the same prompts, one at a time with the KV cache, stopping where the protocol
 * stops. Both count the tokens they generated; the ratio is the protocol's tokens/s over the bare loop's.
 */
final class GenerationBench {
  private GenerationBench() {}

  static void run(PrintWriter out, GptNeoX model, LmTokenizer tokenizer, DjlLanguageModel languageModel,
      TaskDataLoader loader, Path fpb, Path dir, int shots, int items) throws Exception {
    TaskConfig task = TaskRegistry.builtIn().task("fpb");
    EvalSettings settings = new EvalSettings(shots, items, 1, 1000, null, Map.of(), false);
    Path runDir = Files.createDirectories(dir.resolve("generate"));
    long start = System.nanoTime();
    new EvalRun(TaskRegistry.builtIn(), loader, new TaskEvaluator(languageModel, settings))
        .run(List.of("fpb"), Map.of("fpb", fpb.toString()), runDir, Map.of(), outcome -> {}, EvalProgress.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;

    ObjectMapper json = new ObjectMapper();
    List<String> prompts = new ArrayList<>();
    long protocolTokens = 0;
    for (String line : Files.readAllLines(EvalRun.samplesFile(runDir, "fpb"))) {
      Map<?, ?> sample = json.readValue(line, Map.class);
      prompts.add((String) sample.get("prompt"));
      protocolTokens += tokenizer.encode((String) sample.get("generated")).length;
    }
    Generator generator = new Generator(model);
    long rawStart = System.nanoTime();
    long rawTokens = 0;
    for (String prompt : prompts) {
      int[] generated = generator.greedy(tokenizer.encode(prompt), task.maxGenToks(), tokenizer.eosId(), true,
          ids -> task.until().stream().anyMatch(tokenizer.decodeGenerated(ids)::contains));
      rawTokens += tokenizer.encode(Generator.cut(tokenizer.decodeGenerated(generated), task.until())).length;
    }
    double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
    out.printf(Locale.ROOT, "generation: fpb %d-shot, FLARE protocol (until %s, at most %d tokens), %d prompts%n", shots,
        task.until(), task.maxGenToks(), prompts.size());
    out.printf(Locale.ROOT, "%-22s %10s %10s %10s %7s%n", "", "tokens", "tokens/s", "s", "ratio");
    out.printf(Locale.ROOT, "%-22s %10d %10.1f %10.1f%n", "bare loop, 1 at a time", rawTokens, rawTokens / rawSeconds,
        rawSeconds);
    out.printf(Locale.ROOT, "%-22s %10d %10.1f %10.1f %7.2f%n", "protocol (batched)", protocolTokens,
        protocolTokens / seconds, seconds, (protocolTokens / seconds) / (rawTokens / rawSeconds));
  }
}
