package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.UriSchemes;
import dev.cptflow.workflows.api.metric.MetricCatalog;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.EvalSuite;
import dev.cptflow.workflows.api.stage.Schedule;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.SourceFormat;
import dev.cptflow.workflows.api.stage.SpecEnum;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Binds the spec's node tree to {@link SweepSpec}, section by section, applying {@link SpecDefaults}. */
final class SpecBinder {

  private static final Pattern SWEEP_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern FIELD_PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

  private final SpecContext ctx;
  private final MetricCatalog metrics;

  SpecBinder(SpecContext ctx, MetricCatalog metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
  }

  SweepSpec bind(MappingReader root) {
    String name = root.string("name", null);
    if (name != null && !SWEEP_NAME.matcher(name).matches()) {
      ctx.error(root.value("name"), "name", "must match ^" + SWEEP_NAME + "$, got " + ScalarReader.quote(name));
    } else if (name != null) {
      safeName(root, "name", name);
    }
    long seed = root.integer("seed", SpecDefaults.SEED, Range.any());
    ModelSpec model = model(root.requiredSection("model"));
    List<SourceSpec> corpus = root.mappings("corpus", true).stream().map(this::source).toList();
    List<TaskDataSpec> taskData = taskData(root);
    HeldoutSpec heldout = heldout(root.section("heldout"));
    IngestSpec ingest = ingest(root.section("ingest"));
    SelectionSpec selection = selection(root.section("selection"));
    TrainingSpec training = training(root.section("training"));
    EvaluationSpec evaluation = evaluation(root.section("evaluation"));
    List<VariantSpec> variants = new VariantBinder(ctx, metrics).bind(root.mappings("variants", true), !taskData.isEmpty());
    return new SweepSpec(
        name, seed, model, corpus, taskData, heldout, ingest, selection, training, evaluation, variants);
  }

  private ModelSpec model(MappingReader model) {
    String base = uri(model, "base");
    String proxy = model.has("proxy") || base == null ? checkedUri(model, "proxy", model.optionalString("proxy"))
        : model.missing("proxy", base);
    String embedder = model.string("embedder", ModelSpec.DEFAULT_EMBEDDER);
    if (embedder != null
        && embedder.startsWith(ModelSpec.BUILTIN_PREFIX)
        && !ModelSpec.BUILTIN_EMBEDDERS.contains(embedder)) {
      ctx.error(model.value("embedder"), model.childPath("embedder"),
          "unknown built-in embedder " + ScalarReader.quote(embedder) + "; built-ins are "
              + String.join(", ", ModelSpec.BUILTIN_EMBEDDERS) + Suggest.hint(embedder, ModelSpec.BUILTIN_EMBEDDERS));
    } else if (embedder != null && !embedder.startsWith(ModelSpec.BUILTIN_PREFIX)) {
      checkedUri(model, "embedder", embedder);
    }
    return new ModelSpec(base, proxy, embedder);
  }

  /** A required URI whose scheme this build reads ({@link UriSchemes}). */
  private String uri(MappingReader reader, String key) {
    return checkedUri(reader, key, reader.string(key, null));
  }

  private String checkedUri(MappingReader reader, String key, String uri) {
    String problem = uri == null ? null : UriSchemes.problem(uri);
    if (problem != null) {
      ctx.error(reader.value(key), reader.childPath(key), problem);
    }
    return uri;
  }

  /** A name that becomes part of an id or a store key ({@link SafeNames}). */
  private void safeName(MappingReader reader, String key, String name) {
    String problem = SafeNames.problem(name);
    if (problem != null) {
      ctx.error(reader.value(key), reader.childPath(key), problem);
    }
  }

  private SourceSpec source(MappingReader source) {
    return new SourceSpec(uri(source, "uri"), textField(source), format(source), idField(source));
  }

  private List<TaskDataSpec> taskData(MappingReader root) {
    List<TaskDataSpec> tasks = new ArrayList<>();
    Map<String, String> pathByName = new HashMap<>();
    for (MappingReader task : root.mappings("task_data", false)) {
      String name = task.string("name", null);
      String first = name == null ? null : pathByName.putIfAbsent(name, task.path());
      if (first != null) {
        ctx.error(task.value("name"), task.childPath("name"),
            "duplicate task name " + ScalarReader.quote(name) + " (first in " + first + ")");
      } else if (name != null) {
        safeName(task, "name", name);
      }
      tasks.add(new TaskDataSpec(name, uri(task, "uri"), textField(task), format(task), idField(task)));
    }
    return tasks;
  }

  private String textField(MappingReader source) {
    String field = source.string("text_field", SpecDefaults.TEXT_FIELD);
    if (field != null && !FIELD_PATH.matcher(field).matches()) {
      ctx.error(source.value("text_field"), source.childPath("text_field"),
          "must be a field name or dotted path such as 'meta.body', got " + ScalarReader.quote(field));
    }
    return field;
  }

  private String idField(MappingReader source) {
    String field = source.string("id_field", SpecDefaults.ID_FIELD);
    if (field != null && !FIELD_PATH.matcher(field).matches()) {
      ctx.error(source.value("id_field"), source.childPath("id_field"),
          "must be a field name or dotted path such as 'meta.id', got " + ScalarReader.quote(field));
    }
    return field;
  }

  private SourceFormat format(MappingReader source) {
    return source.choice("format", SourceFormat.values(), SpecDefaults.FORMAT);
  }

  private HeldoutSpec heldout(MappingReader heldout) {
    double domainFraction = heldout.number("domain_fraction", SpecDefaults.HELDOUT_FRACTION, Range.closedOpen(0, 0.5));
    GeneralSetSpec general = null;
    if (heldout.has("general")) {
      MappingReader set = heldout.section("general");
      general = new GeneralSetSpec(
          uri(set, "uri"), textField(set), set.count("max_docs", SpecDefaults.GENERAL_MAX_DOCS, Range.atLeast(1)));
    }
    return new HeldoutSpec(domainFraction, general);
  }

  private IngestSpec ingest(MappingReader ingest) {
    return new IngestSpec(
        ingest.count("shard_docs", SpecDefaults.INGEST.shardDocs(), Range.atLeast(1)),
        ingest.choice("on_bad_record", BadRecordPolicy.values(), SpecDefaults.INGEST.onBadRecord()),
        ingest.bool("dedup", SpecDefaults.INGEST.dedup()));
  }

  /** The budget is a token fraction or a document count; a count replaces the fraction, never both. */
  private SelectionSpec selection(MappingReader selection) {
    if (selection.has("budget") && selection.has("budget_docs")) {
      ctx.error(selection.value("budget_docs"), selection.childPath("budget_docs"),
          "give either budget or budget_docs, not both");
    }
    Double budget = selection.optionalNumber("budget", Range.openClosed(0, 1));
    Long budgetDocs = selection.optionalInteger("budget_docs", Range.atLeast(1));
    if (!selection.has("budget") && !selection.has("budget_docs")) {
      budget = selection.missing("budget", SpecDefaults.BUDGET);
    }
    return new SelectionSpec(
        budget,
        budgetDocs,
        selection.count("min_tokens", SpecDefaults.MIN_TOKENS, Range.atLeast(0)),
        selection.count("max_score_tokens", SpecDefaults.MAX_SCORE_TOKENS, Range.atLeast(1)));
  }

  private TrainingSpec training(MappingReader training) {
    TrainingSpec defaults = SpecDefaults.TRAINING;
    return new TrainingSpec(
        training.count("seq_len", defaults.seqLen(), Range.atLeast(8)),
        training.count("micro_batch", defaults.microBatch(), Range.atLeast(1)),
        training.count("grad_accum", defaults.gradAccum(), Range.atLeast(1)),
        training.number("lr", defaults.lr(), Range.above(0)),
        training.number("min_lr_ratio", defaults.minLrRatio(), Range.closed(0, 1)),
        training.number("weight_decay", defaults.weightDecay(), Range.atLeast(0)),
        training.number("warmup", defaults.warmup(), Range.closedOpen(0, 1)),
        training.choice("schedule", Schedule.values(), defaults.schedule()),
        training.count("epochs", defaults.epochs(), Range.atLeast(1)),
        training.count("checkpoint_every", defaults.checkpointEvery(), Range.atLeast(1)),
        training.count("eval_every", defaults.evalEvery(), Range.atLeast(1)),
        training.number("clip_norm", defaults.clipNorm(), Range.atLeast(0)),
        training.choice("engine", TrainEngine.values(), defaults.engine()));
  }

  private EvaluationSpec evaluation(MappingReader evaluation) {
    List<EvalSuite> suites =
        evaluation.choices("suites", EvalSuite.values(), List.of(EvalSuite.FINANCE, EvalSuite.GENERAL));
    List<String> tasks = evalTasks(evaluation);
    int shots = evaluation.count("shots", SpecDefaults.SHOTS, Range.atLeast(0));
    int limit = evaluation.count("limit", SpecDefaults.LIMIT, Range.atLeast(0));
    String protocol = evaluation.oneOf("protocol", SpecDefaults.PROTOCOLS, null);
    int bootstrapIters = evaluation.count("bootstrap_iters", SpecDefaults.BOOTSTRAP_ITERS, Range.atLeast(0));
    boolean fitShots = evaluation.bool("fit_shots", SpecDefaults.FIT_SHOTS);
    TreeMap<String, String> fewshotData = new TreeMap<>();
    TreeMap<String, String> protocols = new TreeMap<>();
    TreeMap<String, String> data = evalData(evaluation, fewshotData, protocols);
    return new EvaluationSpec(suites, tasks, shots, limit, data, fewshotData, protocol, protocols, bootstrapIters, fitShots);
  }

  /** {@code evaluation.tasks}: single tasks to run beside the suites. */
  private List<String> evalTasks(MappingReader evaluation) {
    List<Node> items = evaluation.list("tasks");
    if (items == null) {
      return evaluation.has("tasks") ? List.of() : evaluation.missing("tasks", List.of());
    }
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = evaluation.childPath("tasks") + "[" + i + "]";
      String task = knownTask(evaluation.scalars().text(items.get(i), itemPath), items.get(i), itemPath);
      if (task != null) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  /**
   * {@code evaluation.data}: where a task's data lives, keyed by task name: one URI, or {@code {test: URI, fewshot:
   * URI, protocol: generate|loglik}} (the few-shot examples from a split of their own, the task's own protocol).
   */
  private TreeMap<String, String> evalData(MappingReader evaluation, TreeMap<String, String> fewshotByTask,
      TreeMap<String, String> protocolByTask) {
    TreeMap<String, String> uriByTask = new TreeMap<>();
    if (!evaluation.has("data")) {
      evaluation.missing("data", uriByTask);
      return uriByTask;
    }
    MappingReader data = evaluation.section("data");
    for (String task : data.keys()) {
      boolean known = knownTask(task, data.keyNode(task), data.childPath(task)) != null;
      if (data.value(task) instanceof MappingNode) {
        MappingReader splits = data.section(task);
        String test = uri(splits, "test");
        String fewshot = uri(splits, "fewshot");
        String protocol = splits.oneOf("protocol", SpecDefaults.PROTOCOLS, null);
        if (known && test != null) {
          uriByTask.put(task, test);
          if (fewshot != null) {
            fewshotByTask.put(task, fewshot);
          }
          if (protocol != null) {
            protocolByTask.put(task, protocol);
          }
        }
        continue;
      }
      String uri = uri(data, task);
      if (known && uri != null) {
        uriByTask.put(task, uri);
      }
    }
    return uriByTask;
  }

  private String knownTask(String task, Node at, String path) {
    if (task == null) {
      return null;
    }
    List<String> known = EvalSuite.knownTasks();
    if (!known.contains(task)) {
      ctx.error(at, path, "unknown task " + ScalarReader.quote(task) + Suggest.hint(task, known)
          + "; known tasks are " + String.join(", ", known));
      return null;
    }
    return task;
  }
}
