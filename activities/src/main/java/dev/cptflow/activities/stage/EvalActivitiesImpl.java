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
import dev.cptflow.activities.eval.task.Protocol;
import dev.cptflow.activities.eval.task.TaskDefinitionException;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.eval.template.TemplateException;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.EvalOutput;
import dev.cptflow.workflows.api.stage.EvalParams;
import dev.cptflow.workflows.api.stage.HeldoutEvalParams;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.TaskEvalParams;
import dev.cptflow.workflows.api.stage.TrainOutput;
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
import java.util.Optional;
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

  private final StageContext context;
  private final TaskRegistry tasks;

  /** @param tasks the built-in tasks, or those with a directory's overrides */
  public EvalActivitiesImpl(StageContext context, TaskRegistry tasks) {
    this.context = context;
    this.tasks = tasks;
  }

  @Override
  public StageResult evaluate(NodeRequest request) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    AtomicReference<EvalProgressReport> progress = new AtomicReference<>(
        EvalProgressReport.starting(request.node().id(), activity.getInfo().getAttempt()));
    try (Heartbeats heartbeats = new Heartbeats(activity, 10, progress::get);
        ScratchDirectory scratch = context.artifacts().scratch()) {
      EvalParams params = request.params(EvalParams.class);
      ArtifactStore store = context.stores().open(request.storeUri());
      Path out = Files.createDirectories(scratch.resolve("out"));
      Path modelDir = StageFailures.validating(() -> modelDir(request, store, params));
      try (EvalModel model = StageFailures.validating(() -> EvalModel.load(modelDir))) {
        SortedMap<String, Double> counters = new TreeMap<>();
        EvalResults results = params instanceof TaskEvalParams taskParams
            ? tasks(request, taskParams, activity, store, model, out, progress, counters)
            : heldout(request, (HeldoutEvalParams) params, store, model, progress, counters);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", params.baseModel() != null ? params.baseModel() : modelSource(request));
        config.put("suite", params instanceof TaskEvalParams taskParams ? taskParams.suite() : HeldoutEvalParams.SUITE);
        config.put("seed", params.seed());
        config.put("limit", params instanceof TaskEvalParams taskParams ? taskParams.limit() : 0);
        config.put("bootstrap_iters", params instanceof TaskEvalParams taskParams ? settings(taskParams).bootstrapIterations()
            : EvalSettings.BOOTSTRAP_ITERATIONS);
        if (params instanceof TaskEvalParams taskParams) {
          config.put("protocol", taskParams.protocol());
          config.put("task_protocols", taskParams.protocols());
          config.put("fit_shots", settings(taskParams).fitShots());
          config.put("fewshot_data", taskParams.fewshotData());
        }
        config.put("engine", LmRuntime.describe());
        config.put("device", model.device());
        ResultsJson.write(out.resolve(ResultsJson.FILE), results, config);
        return finish(request, store, out, results, params, counters);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": " + e.getMessage(), e);
    } catch (EvalDataException | TaskDefinitionException | TemplateException | IllegalArgumentException e) {
      // Bad data, a bad task file or a missing split fail the same way on every attempt.
      throw StageFailures.validation(request.node().id() + ": " + e.getMessage());
    }
  }

  private Path modelDir(NodeRequest request, ArtifactStore store, EvalParams params) {
    return params.baseModel() != null ? context.models().resolve(params.baseModel())
        : context.artifacts().directory(store, modelSource(request));
  }

  /** The trained checkpoint's store prefix: the model of the variant's train node. */
  private static String modelSource(NodeRequest request) {
    return request.input(NodeIds.train(request.node().variant()), TrainOutput.class).modelKey();
  }

  private EvalResults tasks(NodeRequest request, TaskEvalParams params, ActivityExecutionContext activity,
      ArtifactStore store, EvalModel model, Path out, AtomicReference<EvalProgressReport> progress,
      SortedMap<String, Double> counters) throws IOException {
    List<String> names = params.tasks();
    Map<String, String> data = params.data();
    EvalSettings settings = settings(params);
    String partial = request.outputPrefix() + "/" + PARTIAL;
    Map<String, TaskOutcome> finished = restore(store, partial, out);
    List<String> stored = new ArrayList<>(finished.keySet());
    progress.set(progress.get().restoring(stored));
    EvalRun run = new EvalRun(tasks, new TaskDataLoader(context.sources()), new TaskEvaluator(model.languageModel(), settings));
    EvalResults results = run.run(names, data, params.fewshotData(), out, finished, outcome -> {
      store.put(partial + "/" + EvalRun.samplesFile(out, outcome.task()).getFileName(), EvalRun.samplesFile(out, outcome.task()));
      store.putString(partial + "/" + outcome.task() + ".json", write(outcome));
      stored.add(outcome.task());
    }, (task, done, total) -> {
      progress.set(progress.get().at(task, done, total, stored));
      // From the evaluating thread, so a cancellation or a worker shutdown stops the run between batches.
      activity.heartbeat(progress.get());
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

  /** The run's settings from the node's params; absent ones (params of an earlier release) take the defaults. */
  static EvalSettings settings(TaskEvalParams params) {
    Map<String, Protocol> protocols = new TreeMap<>();
    params.protocols().forEach((task, protocol) -> protocols.put(task, Protocol.fromKey(protocol)));
    return new EvalSettings(params.shots(), params.limit(), params.seed(),
        params.bootstrapIters() == null ? EvalSettings.BOOTSTRAP_ITERATIONS : params.bootstrapIters(),
        params.protocol() == null ? null : Protocol.fromKey(params.protocol()), protocols,
        Boolean.TRUE.equals(params.fitShots()));
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

  private EvalResults heldout(NodeRequest request, HeldoutEvalParams params, ArtifactStore store, EvalModel model,
      AtomicReference<EvalProgressReport> progress, SortedMap<String, Double> counters) {
    HeldoutPerplexity perplexity = model.perplexity(params.seqLen());
    List<PerplexityOutcome> sets = new ArrayList<>();
    IngestOutputs corpus = new IngestOutputs(store, context.artifacts(),
        request.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class));
    Optional<IngestOutput> generalSet = request.optionalInput(NodeIds.ingest(IngestSet.GENERAL), IngestOutput.class);
    int setCount = (corpus.heldout() != null ? 1 : 0) + (generalSet.isPresent() ? 1 : 0);
    String nodeId = request.node().id();
    if (corpus.heldout() != null) {
      progress.set(progress.get().measuring("domain", 0, setCount, List.of()));
      sets.add(perplexity.measure("domain", texts(List.of(corpus.heldout()))));
    }
    if (generalSet.isPresent()) {
      progress.set(progress.get().measuring("general", sets.size(), setCount,
          sets.stream().map(PerplexityOutcome::set).toList()));
      IngestOutputs general = new IngestOutputs(store, context.artifacts(), generalSet.get());
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
      EvalParams params, SortedMap<String, Double> counters) throws IOException {
    String prefix = request.outputPrefix();
    try (var files = Files.list(out)) {
      for (Path file : files.sorted().toList()) {
        store.put(prefix + "/" + file.getFileName(), file);
      }
    }
    store.deletePrefix(prefix + "/" + PARTIAL);
    SortedMap<String, Double> losses = new TreeMap<>();
    SortedMap<String, Long> tokens = new TreeMap<>();
    for (PerplexityOutcome set : results.perplexities()) {
      losses.put(set.set(), set.loss());
      tokens.put(set.set(), set.tokens());
    }
    String suite = params instanceof TaskEvalParams taskParams ? taskParams.suite() : HeldoutEvalParams.SUITE;
    EvalOutput output = new EvalOutput(prefix, suite, results.tasks().stream().map(TaskOutcome::task).toList(),
        List.copyOf(results.skipped().keySet()), losses, tokens);
    return request.result(output, counters);
  }

  private static String write(TaskOutcome outcome) {
    try {
      return JSON.writeValueAsString(outcome);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
