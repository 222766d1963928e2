package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.BadRecords;
import dev.cptflow.activities.corpus.InputFile;
import dev.cptflow.activities.corpus.RecordReaders;
import dev.cptflow.activities.corpus.SkippedRecords;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.eval.data.EvalDataException;
import dev.cptflow.activities.eval.metric.MetricValue;
import dev.cptflow.activities.eval.run.EvalModel;
import dev.cptflow.activities.eval.run.EvalResults;
import dev.cptflow.activities.eval.run.EvalRun;
import dev.cptflow.activities.eval.run.EvalSettings;
import dev.cptflow.activities.eval.run.HeldoutPerplexity;
import dev.cptflow.activities.eval.run.PerplexityOutcome;
import dev.cptflow.activities.eval.run.ResultsJson;
import dev.cptflow.activities.eval.run.TaskDataLoader;
import dev.cptflow.activities.eval.run.TaskEvaluator;
import dev.cptflow.activities.eval.run.TaskOutcome;
import dev.cptflow.activities.eval.task.Protocol;
import dev.cptflow.activities.eval.task.TaskDefinitionException;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.eval.template.TemplateException;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.SeedOption;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.SourceFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
    header = "Evaluate a model on finance/general tasks and held-out perplexity, without Temporal.",
    description = {
      "Evaluate a model on tasks the lm-evaluation-harness way, without Temporal,",
      "and/or measure its perplexity on text sets.",
      "Tasks: fpb, fiqasa, headlines, ner (suite 'finance'); arc_easy,",
      "arc_challenge, hellaswag, mmlu, truthfulqa_mc1, truthfulqa_mc2 (suite",
      "'general'). Each task reads the files --data points it at; a task without",
      "data is skipped, never scored. Writes OUT/results.json (lm-eval's shape) and",
      "OUT/samples_<task>.jsonl (prompt, prediction and gold per item).",
      ""
    })
public class EvalCommand extends CommandBase {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (HF layout), or a file:/s3: URI.")
  String model;

  @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Tasks and suites, comma-separated: fpb,ner or finance.")
  List<String> tasks = List.of();

  @Option(names = "--data", paramLabel = "TASK=URI",
      description = "Where a task's data is: one file (every split) or a directory/prefix of <split>.* files. Repeatable.")
  Map<String, String> data = new LinkedHashMap<>();

  @Option(names = "--shots", descriptionKey = "evaluation.shots", paramLabel = "K",
      description = "Few-shot examples per item, as a sweep's evaluation.shots. Default: ${DEFAULT-VALUE}.")
  int shots;

  @Option(names = "--limit", descriptionKey = "evaluation.limit", paramLabel = "N",
      description = "Evaluate a seeded sample of N items of each task (a shuffle, then the first N; 0: all). Default: ${DEFAULT-VALUE}.")
  int limit;

  @Mixin SeedOption seedOption;

  @Option(names = "--fewshot", paramLabel = "TASK=URI",
      description = "Where a task's few-shot examples come from (a train file or directory), instead of its --data. Repeatable.")
  Map<String, String> fewshot = new LinkedHashMap<>();

  @Option(names = "--protocol", paramLabel = "PROTOCOL|TASK=PROTOCOL",
      description = "How fpb, fiqasa and headlines answer: generate (FLARE's: greedy answer matched to a choice, the"
          + " default) or loglik (choices ranked by log-likelihood); for every such task, or TASK=PROTOCOL for one. Repeatable.")
  List<String> protocols = List.of();

  @Option(names = "--fit-shots", description = "Drop whole few-shot examples, the last first, until a prompt fits the model's window.")
  boolean fitShots;

  @Option(names = "--bootstrap-iters", defaultValue = "" + EvalSettings.BOOTSTRAP_ITERATIONS, showDefaultValue = Visibility.ALWAYS,
      paramLabel = "N", description = "Resamples per bootstrap stderr (f1, macro_f1, mcc, entity_f1), as lm-eval's bootstrap_iters.")
  int bootstrapIterations;

  @Option(names = "--tasks-dir", paramLabel = "DIR", description = "Task YAML files that replace or add to the built-in tasks.")
  Path tasksDir;

  @Option(names = "--perplexity", paramLabel = "NAME=URI",
      description = "A held-out text set (JSONL with --text-field, Parquet, or .txt lines) to measure loss on. Repeatable.")
  Map<String, String> perplexity = new LinkedHashMap<>();

  @Option(names = "--text-field", descriptionKey = "corpus.text_field", paramLabel = "F",
      description = "The text field of --perplexity's JSONL and Parquet sets. Default: ${DEFAULT-VALUE}.")
  String textField;

  @Option(names = "--seq-len", descriptionKey = "training.seq_len", paramLabel = "N",
      description = "Tokens per document that --perplexity reads (capped at the model's window). Default: ${DEFAULT-VALUE}.")
  int seqLen;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = out();
    if (tasks.isEmpty() && perplexity.isEmpty()) {
      throw new UserError("nothing to evaluate: give --tasks and/or --perplexity");
    }
    long seed = seedOption.seed();
    if (shots < 0 || limit < 0 || bootstrapIterations < 0) {
      throw new UserError("--shots, --limit and --bootstrap-iters must be 0 or more");
    }
    Files.createDirectories(out);
    try (StoreRegistry stores = storeOptions.registry()) {
      TaskRegistry registry = TaskRegistry.withOverrides(tasksDir);
      List<String> names = registry.expand(tasks);
      for (String task : data.keySet()) {
        if (!names.contains(task)) {
          throw new UserError("--data " + task + "=...: task '" + task + "' is not among --tasks " + String.join(",", names));
        }
      }
      for (String task : fewshot.keySet()) {
        if (!data.containsKey(task)) {
          throw new UserError("--fewshot " + task + "=...: give the task's test data with --data " + task + "=URI too");
        }
      }
      Protocol protocol = null;
      Map<String, Protocol> taskProtocols = new LinkedHashMap<>();
      for (String value : protocols) {
        int equals = value.indexOf('=');
        try {
          if (equals < 0) {
            protocol = Protocol.fromKey(value);
          } else {
            String task = value.substring(0, equals);
            if (!names.contains(task)) {
              throw new UserError("--protocol " + value + ": task '" + task + "' is not among --tasks " + String.join(",", names));
            }
            taskProtocols.put(task, Protocol.fromKey(value.substring(equals + 1)));
          }
        } catch (IllegalArgumentException e) {
          throw new UserError("--protocol " + value + ": " + e.getMessage());
        }
      }
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      Path modelDir = context.models().resolve(model);
      SourceResolver resolver = context.sources();
      EvalSettings settings = new EvalSettings(shots, limit, seed, bootstrapIterations, protocol, taskProtocols, fitShots);
      try (EvalModel loaded = EvalModel.load(modelDir)) {
        ProgressLine progress = new ProgressLine(err());
        EvalResults taskResults = new EvalRun(registry, new TaskDataLoader(resolver),
            new TaskEvaluator(loaded.languageModel(), settings))
            .run(names, data, fewshot, out, Map.of(), outcome -> progress.done(outcome.task(), outcome.items()),
                progress::update);
        List<PerplexityOutcome> sets = new ArrayList<>();
        HeldoutPerplexity heldout = loaded.perplexity(seqLen);
        for (Map.Entry<String, String> set : perplexity.entrySet()) {
          sets.add(heldout.measure(set.getKey(), texts(resolver, set.getValue(), console)));
        }
        EvalResults results = new EvalResults(taskResults.tasks(), sets, taskResults.skipped(), taskResults.warnings());
        ResultsJson.write(out.resolve(ResultsJson.FILE), results, config(modelDir, loaded, seed, settings));
        results.warnings().forEach(warning -> console.println("warning: " + warning));
        print(console, results);
        console.println("wrote " + out.resolve(ResultsJson.FILE));
      }
    } catch (EvalDataException | TaskDefinitionException | TemplateException e) {
      throw new UserError(e.getMessage(), e);
    }
    return 0;
  }

  private Map<String, Object> config(Path modelDir, EvalModel loaded, long seed, EvalSettings settings) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", modelDir.toAbsolutePath().toString());
    config.put("num_fewshot", shots);
    config.put("limit", limit);
    config.put("seed", seed);
    config.put("bootstrap_iters", bootstrapIterations);
    config.put("protocol", settings.protocol() == null ? null : settings.protocol().key());
    config.put("fit_shots", fitShots);
    config.put("tasks_dir", tasksDir == null ? null : tasksDir.toAbsolutePath().toString());
    config.put("engine", LmRuntime.describe());
    config.put("device", loaded.device());
    return config;
  }

  private List<String> texts(SourceResolver resolver, String uri, PrintWriter console) {
    List<String> texts = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
    for (InputFile file : resolver.resolve(uri)) {
      RecordReaders.forFile(SourceFormat.AUTO, file, textField, null).read(file, record -> texts.add(record.text()), bad);
    }
    SkippedRecords skipped = bad.snapshot();
    if (skipped.total() > 0) {
      console.println("warning: " + uri + ": skipped " + skipped.total() + " records: " + skipped.summary());
    }
    return texts;
  }

  private static void print(PrintWriter console, EvalResults results) {
    console.printf(Locale.ROOT, "%-16s %-9s %-14s %8s %8s %7s%n", "task", "protocol", "metric", "value", "stderr", "items");
    for (TaskOutcome task : results.tasks()) {
      for (MetricValue metric : task.metrics()) {
        console.printf(Locale.ROOT, "%-16s %-9s %-14s %8.4f %8.4f %7d%n", task.task(), task.protocol(), metric.metric(),
            metric.value(), metric.stderr(), task.items());
      }
    }
    for (PerplexityOutcome set : results.perplexities()) {
      console.printf(Locale.ROOT, "%-16s %-10s %8.4f %8s %7d  (perplexity %.2f, %,d tokens)%n", "heldout_" + set.set(),
          "loss", set.loss(), "", set.documents(), set.perplexity(), set.tokens());
    }
    results.skipped().forEach((task, why) -> console.printf(Locale.ROOT, "%-16s skipped: %s%n", task, why));
  }

  /** One line per task on stderr, redrawn at most twice a second while it runs. */
  private static final class ProgressLine {
    private final PrintWriter err;
    private long lastDrawn;
    private final long started = System.nanoTime();

    ProgressLine(PrintWriter err) {
      this.err = err;
    }

    synchronized void update(String task, long done, long total) {
      long now = System.nanoTime();
      if (now - lastDrawn > 500_000_000L || done == total) {
        lastDrawn = now;
        err.printf(Locale.ROOT, "\r%-16s %,d/%,d%s", task, done, total, total == 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total));
        err.flush();
      }
    }

    synchronized void done(String task, int items) {
      err.printf(Locale.ROOT, "\r%-16s done: %,d items (%.1fs since start)%n", task, items, (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }
}
