package dev.cptflow.activities.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
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
import dev.cptflow.activities.eval.task.TaskDefinitionException;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.eval.template.TemplateException;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.Planner;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The eval activity: one model (the base, or a variant's trained checkpoint) on one suite's tasks, or held-out
 * perplexity. Writes {@code results.json} (lm-evaluation-harness's shape) and {@code samples_<task>.jsonl}.
 * Heartbeats carry the task under way and how far it is; each finished task is stored under {@code partial/}
 * at once, so a retry on any worker starts at the first unfinished task.
 */
public class EvalActivitiesImpl implements EvalActivities {
  static final String PARTIAL = "partial";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;
  private final ModelLocations models;
  private final TaskRegistry tasks;

  /** @param tasks the built-in tasks, or those with a directory's overrides */
  public EvalActivitiesImpl(StoreRegistry stores, LocalArtifacts artifacts, TaskRegistry tasks) {
    this.stores = stores;
    this.artifacts = artifacts;
    this.models = new ModelLocations(stores, artifacts);
    this.tasks = tasks;
  }

  @Override
  public StageResult evaluate(NodeRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    AtomicReference<EvalProgressReport> progress = new AtomicReference<>(new EvalProgressReport(null, 0, 0, List.of()));
    try (Heartbeats heartbeats = new Heartbeats(context, 10, progress::get);
        ScratchDirectory scratch = artifacts.scratch()) {
      Map<String, String> params = request.node().params();
      ArtifactStore store = stores.open(request.storeUri());
      Path out = Files.createDirectories(scratch.resolve("out"));
      Path modelDir = StageFailures.validating(() -> modelDir(request, store));
      try (EvalModel model = StageFailures.validating(() -> EvalModel.load(modelDir))) {
        SortedMap<String, Double> counters = new TreeMap<>();
        EvalResults results = "heldout".equals(params.get("suite"))
            ? heldout(request, store, model, counters)
            : tasks(request, context, store, model, out, progress, counters);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", params.containsKey("model") ? params.get("model") : modelSource(request));
        config.put("suite", params.get("suite"));
        config.put("seed", Long.parseLong(params.get("seed")));
        config.put("limit", params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : 0);
        config.put("bootstrap_iters", EvalSettings.BOOTSTRAP_ITERATIONS);
        config.put("engine", LmRuntime.describe());
        config.put("device", model.device());
        ResultsJson.write(out.resolve(ResultsJson.FILE), results, config);
        return finish(request, store, out, results, counters);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": " + e.getMessage(), e);
    } catch (EvalDataException | TaskDefinitionException | TemplateException | IllegalArgumentException e) {
      // Bad data, a bad task file or a missing split fail the same way on every attempt.
      throw StageFailures.validation(request.node().id() + ": " + e.getMessage());
    }
  }

  private Path modelDir(NodeRequest request, ArtifactStore store) {
    String uri = request.node().params().get("model");
    return uri != null ? models.resolve(uri) : artifacts.directory(store, modelSource(request));
  }

  /** The trained checkpoint's store prefix: the {@code model} output of the variant's train node. */
  private static String modelSource(NodeRequest request) {
    StageResult train = request.upstreamResult("train/" + request.node().variant());
    return train.artifacts().get("model");
  }

  private EvalResults tasks(NodeRequest request, ActivityExecutionContext context, ArtifactStore store, EvalModel model,
      Path out, AtomicReference<EvalProgressReport> progress, SortedMap<String, Double> counters) throws IOException {
    Map<String, String> params = request.node().params();
    List<String> names = Arrays.stream(params.get("tasks").split(",")).filter(name -> !name.isBlank()).toList();
    Map<String, String> data = params.containsKey("data")
        ? JSON.readValue(params.get("data"), new TypeReference<Map<String, String>>() {})
        : Map.of();
    EvalSettings settings = new EvalSettings(Integer.parseInt(params.get("shots")),
        Integer.parseInt(params.getOrDefault("limit", "0")), Long.parseLong(params.get("seed")),
        EvalSettings.BOOTSTRAP_ITERATIONS);
    String partial = request.outputPrefix() + "/" + PARTIAL;
    Map<String, TaskOutcome> finished = restore(store, partial, out);
    List<String> stored = new ArrayList<>(finished.keySet());
    progress.set(new EvalProgressReport(null, 0, 0, stored));
    EvalRun run = new EvalRun(tasks, new TaskDataLoader(new SourceResolver(stores::open)),
        new TaskEvaluator(model.languageModel(), settings));
    EvalResults results = run.run(names, data, out, finished, outcome -> {
      store.put(partial + "/" + EvalRun.samplesFile(out, outcome.task()).getFileName(), EvalRun.samplesFile(out, outcome.task()));
      store.putString(partial + "/" + outcome.task() + ".json", write(outcome));
      stored.add(outcome.task());
    }, (task, done, total) -> {
      progress.set(new EvalProgressReport(task, done, total, stored));
      // From the evaluating thread, so a cancellation or a worker shutdown stops the run between batches.
      context.heartbeat(progress.get());
    });
    for (TaskOutcome outcome : results.tasks()) {
      for (MetricValue metric : outcome.metrics()) {
        counters.put(outcome.task() + "." + metric.metric(), metric.value());
      }
      counters.put(outcome.task() + ".items", (double) outcome.items());
    }
    counters.put("skipped_tasks", (double) results.skipped().size());
    return results;
  }

  /** Tasks an earlier attempt finished and stored: their outcomes, with their samples copied into {@code out}. */
  private static Map<String, TaskOutcome> restore(ArtifactStore store, String partial, Path out) throws IOException {
    Map<String, TaskOutcome> finished = new LinkedHashMap<>();
    for (String key : store.list(partial)) {
      if (key.endsWith(".json")) {
        TaskOutcome outcome = JSON.readValue(store.readString(key), TaskOutcome.class);
        Path samples = EvalRun.samplesFile(out, outcome.task());
        store.fetch(partial + "/" + samples.getFileName(), samples);
        finished.put(outcome.task(), outcome);
      }
    }
    return finished;
  }

  private EvalResults heldout(NodeRequest request, ArtifactStore store, EvalModel model, SortedMap<String, Double> counters) {
    HeldoutPerplexity perplexity = model.perplexity(Integer.parseInt(request.node().params().get("seq_len")));
    List<PerplexityOutcome> sets = new ArrayList<>();
    IngestOutputs corpus = new IngestOutputs(store, artifacts, request.upstreamResult(Planner.INGEST_CORPUS));
    if (corpus.heldout() != null) {
      sets.add(perplexity.measure("domain", texts(List.of(corpus.heldout()))));
    }
    if (request.upstream().containsKey(Planner.INGEST_GENERAL)) {
      IngestOutputs general = new IngestOutputs(store, artifacts, request.upstreamResult(Planner.INGEST_GENERAL));
      List<Path> shards = new ArrayList<>();
      for (int i = 0; i < general.shardCount(); i++) {
        shards.add(general.shard(i));
      }
      sets.add(perplexity.measure("general", texts(shards)));
    }
    List<String> warnings = new ArrayList<>();
    if (sets.stream().noneMatch(set -> set.set().equals("domain"))) {
      warnings.add("heldout: the corpus has no held-out split (heldout.fraction is 0), so there is no domain loss");
    }
    for (PerplexityOutcome set : sets) {
      counters.put("heldout_" + set.set() + ".loss", set.loss());
      counters.put("heldout_" + set.set() + ".tokens", (double) set.tokens());
    }
    return new EvalResults(List.of(), sets, new TreeMap<>(), warnings);
  }

  private static List<String> texts(List<Path> shards) {
    List<String> texts = new ArrayList<>();
    for (Path shard : shards) {
      try (ShardReader reader = ShardReader.open(shard)) {
        reader.forEachRemaining((Document document) -> texts.add(document.text()));
      }
    }
    return texts;
  }

  private static StageResult finish(NodeRequest request, ArtifactStore store, Path out, EvalResults results,
      SortedMap<String, Double> counters) throws IOException {
    String prefix = request.outputPrefix();
    SortedMap<String, String> outputs = new TreeMap<>();
    try (var files = Files.list(out)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        store.put(prefix + "/" + name, file);
        outputs.put(name.substring(0, name.lastIndexOf('.')), prefix + "/" + name);
      }
    }
    store.deletePrefix(prefix + "/" + PARTIAL);
    return new StageResult(request.node().id(), request.node().cacheKey(), prefix, outputs, counters, false);
  }

  private static String write(TaskOutcome outcome) {
    try {
      return JSON.writeValueAsString(outcome);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
