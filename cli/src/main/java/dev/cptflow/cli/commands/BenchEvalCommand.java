package dev.cptflow.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.BadRecords;
import dev.cptflow.activities.corpus.InputFile;
import dev.cptflow.activities.corpus.RecordReaders;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.eval.run.DjlLanguageModel;
import dev.cptflow.activities.eval.run.EvalModel;
import dev.cptflow.activities.eval.run.EvalProgress;
import dev.cptflow.activities.eval.run.EvalResults;
import dev.cptflow.activities.eval.run.EvalRun;
import dev.cptflow.activities.eval.run.EvalSettings;
import dev.cptflow.activities.eval.run.TaskDataLoader;
import dev.cptflow.activities.eval.run.TaskEvaluator;
import dev.cptflow.activities.eval.task.Protocol;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.RequestEncoder;
import dev.cptflow.activities.lm.TokenPair;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.PresetOption;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.SourceFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {
      "Items/s of the eval harness on K-shot multiple choice in the FPB format (read, few-shot",
      "prompts, tokenize, score, metrics with 1,000-resample stderrs, samples file) against the raw",
      "LM scoring of the same (context, continuation) requests, already tokenized, in the same run.",
      "Sentences come from --input (JSONL with a text field), labelled in turn positive, negative, neutral.",
      "Then generated tokens/s of FPB run FLARE's way (batched, KV cache) against a bare one-at-a-time decode loop.",
      ""
    })
public class BenchEvalCommand extends CommandBase {
  @Option(names = "--input", defaultValue = "../shared/data/reuters21578.jsonl.gz", showDefaultValue = Visibility.ALWAYS,
      paramLabel = "FILE", description = "Real text; each document's first sentence is an item.")
  String input;

  @Mixin PresetOption preset;

  @Option(names = "--items", defaultValue = "16", showDefaultValue = Visibility.ALWAYS, paramLabel = "N")
  int items;

  @Option(names = "--shots", defaultValue = "5", showDefaultValue = Visibility.ALWAYS, paramLabel = "K")
  int shots;

  @Option(names = "--generation", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also time FPB run FLARE's way (generated answers) against a bare decode loop. Default: ${DEFAULT-VALUE}.")
  boolean generation;

  @Option(names = "--vocab", defaultValue = "8192", showDefaultValue = Visibility.ALWAYS, paramLabel = "V",
      description = "Size of the BPE vocabulary trained for the bench (Pythia's tokenizer is not shipped).")
  int vocab;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    Path dir = Files.createTempDirectory("cpt-bench-eval");
    try {
      Path fpb = dir.resolve("fpb.txt");
      Files.write(fpb, phraseBankLines(), java.nio.charset.StandardCharsets.UTF_8);
      Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(Files.createDirectories(dir.resolve("tokenizer")), vocab);
      NeoXConfig config = preset.config(50304);
      Map<String, float[]> weights = GptNeoX.randomWeights(config, 1);
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson);
          GptNeoX model = GptNeoX.fromWeights(config, weights::get, LmRuntime.defaultDevice())) {
        // The bench times the log-likelihood path: FPB ranked as lm-eval ranks it, not generated.
        EvalSettings settings = new EvalSettings(shots, items, 1, 1000, Protocol.LOGLIK, Map.of(), false);
        DjlLanguageModel languageModel = new DjlLanguageModel(model, tokenizer, EvalModel.TOKEN_BUDGET, 64);
        TaskDataLoader loader = new TaskDataLoader(new SourceResolver(uri -> {
          throw new UserError("the bench reads local files only");
        }));
        // Warm-up on two items: the first forward passes of a JVM pay for JIT and native initialisation.
        new EvalRun(TaskRegistry.builtIn(), loader, new TaskEvaluator(languageModel,
            new EvalSettings(shots, 2, 1, 10, Protocol.LOGLIK, Map.of(), false)))
            .run(List.of("fpb"), Map.of("fpb", fpb.toString()), dir, Map.of(), outcome -> {}, EvalProgress.NONE);
        EvalRun run = new EvalRun(TaskRegistry.builtIn(), loader, new TaskEvaluator(languageModel, settings));
        long start = System.nanoTime();
        EvalResults results = run.run(List.of("fpb"), Map.of("fpb", fpb.toString()), dir, Map.of(), outcome -> {},
            EvalProgress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        int evaluated = results.tasks().get(0).items();

        List<TokenPair> requests = requests(EvalRun.samplesFile(dir, "fpb"), new RequestEncoder(tokenizer));
        LmScorer raw = new LmScorer(model, EvalModel.TOKEN_BUDGET, 64);
        long rawStart = System.nanoTime();
        raw.loglikelihood(requests);
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

        long tokens = requests.stream().mapToLong(pair -> pair.context().length + pair.continuation().length).sum();
        out.printf(Locale.ROOT, "eval bench: fpb %d-shot multiple choice, %d items, %d requests, %.0f tokens per request,"
            + " %s (%,d parameters), %s, %d cores%n", shots, evaluated, requests.size(), (double) tokens / requests.size(),
            preset.name(), config.parameterCount(), LmRuntime.describe(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-8s %10s %10s %7s%n", "", "items/s", "s", "ratio");
        out.printf(Locale.ROOT, "%-8s %10.3f %10.1f%n", "raw", evaluated / rawSeconds, rawSeconds);
        out.printf(Locale.ROOT, "%-8s %10.3f %10.1f %7.3f%n", "harness", evaluated / seconds, seconds, rawSeconds / seconds);
        if (generation) {
          GenerationBench.run(out, model, tokenizer, languageModel, loader, fpb, dir, shots, items);
        }
      }
    } finally {
      LocalFiles.deleteRecursively(dir);
    }
    return 0;
  }

  /** {@code sentence@label} lines from the first sentence of each input document. */
  private List<String> phraseBankLines() {
    Path file = Path.of(input);
    if (!Files.isRegularFile(file)) {
      throw new UserError("--input " + input + ": no such file (give a JSONL file with a 'text' field)");
    }
    String[] labels = {"positive", "negative", "neutral"};
    List<String> lines = new ArrayList<>();
    InputFile source = InputFile.local(file);
    // The harness draws examples from the same file, so a few more sentences than items keep the draws apart.
    int wanted = items + 5 * shots;
    RecordReaders.forFile(SourceFormat.AUTO, source, "text", null).read(source, record -> {
      if (lines.size() < wanted) {
        String sentence = record.text().replaceAll("\\s+", " ").strip();
        int end = sentence.indexOf(". ");
        sentence = (end > 0 ? sentence.substring(0, end + 1) : sentence).replace("@", " at ");
        if (sentence.length() >= 20) {
          lines.add(sentence + "@" + labels[lines.size() % 3]);
        }
      }
    }, new BadRecords(BadRecordPolicy.SKIP));
    if (lines.size() < wanted) {
      throw new UserError("--input " + input + ": only " + lines.size() + " usable documents, " + wanted + " needed");
    }
    return lines;
  }

  /** The requests the harness made, from its samples file: each prompt with each choice, as the harness encodes them. */
  private static List<TokenPair> requests(Path samples, RequestEncoder encoder) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<TokenPair> requests = new ArrayList<>();
    for (String line : Files.readAllLines(samples)) {
      Map<?, ?> sample = json.readValue(line, Map.class);
      for (Object choice : (List<?>) sample.get("choices")) {
        requests.add(encoder.encode((String) sample.get("prompt"), " " + choice));
      }
    }
    return requests;
  }
}
