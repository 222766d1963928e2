package dev.cptflow.workflows.plan;

import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricCatalog;
import dev.cptflow.workflows.api.metric.MetricDefinition;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.EvalSuite;
import dev.cptflow.workflows.api.stage.HeldoutEvalParams;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.IngestSource;
import dev.cptflow.workflows.api.stage.PackParams;
import dev.cptflow.workflows.api.stage.RankedMetric;
import dev.cptflow.workflows.api.stage.ReportParams;
import dev.cptflow.workflows.api.stage.ScoreParams;
import dev.cptflow.workflows.api.stage.SelectParams;
import dev.cptflow.workflows.api.stage.SelectionKind;
import dev.cptflow.workflows.api.stage.SourceFormat;
import dev.cptflow.workflows.api.stage.TaskEvalParams;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.TrainParams;
import dev.cptflow.workflows.spec.EvaluationSpec;
import dev.cptflow.workflows.spec.GeneralSetSpec;
import dev.cptflow.workflows.spec.SelectionSpec;
import dev.cptflow.workflows.spec.SweepSpec;
import dev.cptflow.workflows.spec.TrainingSpec;
import dev.cptflow.workflows.spec.VariantKind;
import dev.cptflow.workflows.spec.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a spec into the graph of work it needs. Work that several variants need (ingest, each metric's scores) is one
 * node that all of them read, and each node's params hold only what decides its output, so equal work gets equal cache
 * keys within a sweep and across sweeps. It also says which child workflow owns which nodes.
 */
public final class Planner {

  /** Task text and the general set are small: one shard, nothing held out, every record kept that reads. */
  static final int SIDE_SET_SHARD_DOCS = 1_000_000;

  private final SweepSpec spec;
  private final MetricCatalog metrics;
  private final GraphBuilder graph = new GraphBuilder();
  private final List<String> reportInputs = new ArrayList<>();
  private final List<String> corpusPart = new ArrayList<>();
  private final List<GraphPart> variantParts = new ArrayList<>();

  private Planner(SweepSpec spec, MetricCatalog metrics) {
    this.spec = spec;
    this.metrics = metrics;
  }

  public static ExperimentGraph plan(SweepSpec spec, MetricCatalog metrics) {
    return new Planner(spec, metrics).build();
  }

  private ExperimentGraph build() {
    ingest();
    spec.usedMetrics(metrics).forEach(metric -> score(metrics.get(metric)));
    evaluations(NodeIds.BASE_MODEL, null, new ArrayList<>());
    spec.variants().forEach(this::variant);
    // The report reads the corpus (source labels, for the selection's precision) and every score table (histograms).
    reportInputs.add(NodeIds.ingest(IngestSet.CORPUS));
    spec.usedMetrics(metrics).forEach(metric -> reportInputs.add(NodeIds.score(metric)));
    graph.add(NodeIds.REPORT, null, reportParams(), reportInputs);
    List<GraphPart> parts = new ArrayList<>(List.of(new GraphPart(GraphPart.Kind.CORPUS, null, corpusPart)));
    parts.addAll(variantParts);
    return graph.build(spec.name(), spec.seed(), parts);
  }

  private ReportParams reportParams() {
    SortedMap<String, List<String>> variantMetrics = new TreeMap<>();
    spec.variants().forEach(variant -> variantMetrics.put(variant.id(), variant.metrics()));
    SortedMap<String, String> columns = new TreeMap<>();
    spec.usedMetrics(metrics).forEach(metric -> columns.put(metric, metrics.get(metric).column()));
    return new ReportParams(spec.variantIds(), evalSuites(), EvalSuite.knownTasks(), variantMetrics, columns);
  }

  /** The task suites every model is evaluated on, plus {@code tasks} for the spec's single tasks. */
  private List<String> evalSuites() {
    List<String> suites = new ArrayList<>(spec.evaluation().suites().stream().map(EvalSuite::key).toList());
    if (!spec.evaluation().tasks().isEmpty()) {
      suites.add("tasks");
    }
    return suites;
  }

  private String tokenizer() {
    return spec.model().base();
  }

  private void ingest() {
    List<IngestSource> sources = spec.corpus().stream()
        .map(source -> new IngestSource(source.uri(), source.textField(), source.format(), source.idField(), null))
        .toList();
    ingestNode(new IngestParams(IngestSet.CORPUS, sources, tokenizer(), spec.ingest().shardDocs(),
        spec.ingest().onBadRecord(), spec.ingest().dedup(), spec.heldout().domainFraction(), spec.seed(), null));
    if (!spec.taskData().isEmpty()) {
      List<IngestSource> tasks = spec.taskData().stream()
          .map(task -> new IngestSource(task.uri(), task.textField(), task.format(), task.idField(), task.name()))
          .toList();
      ingestNode(sideSet(IngestSet.TASKS, tasks, null));
    }
    GeneralSetSpec general = spec.heldout().general();
    if (general != null) {
      ingestNode(sideSet(IngestSet.GENERAL,
          List.of(new IngestSource(general.uri(), general.textField(), SourceFormat.AUTO, null, null)), general.maxDocs()));
    }
  }

  private IngestParams sideSet(IngestSet set, List<IngestSource> sources, Integer maxDocs) {
    return new IngestParams(set, sources, tokenizer(), SIDE_SET_SHARD_DOCS, BadRecordPolicy.SKIP, true, 0.0, 0, maxDocs);
  }

  private void ingestNode(IngestParams params) {
    String id = NodeIds.ingest(params.set());
    graph.add(id, null, params, List.of());
    corpusPart.add(id);
  }

  private void score(MetricDefinition metric) {
    MetricInputs inputs = new MetricInputs(spec.model().proxy(), spec.model().embedder(),
        spec.selection().maxScoreTokens(), !spec.taskData().isEmpty());
    SortedMap<String, Object> settings = metric.settings(inputs);
    List<String> upstream = new ArrayList<>(List.of(NodeIds.ingest(IngestSet.CORPUS)));
    if (metric.readsTaskText()) {
      upstream.add(NodeIds.ingest(IngestSet.TASKS));
    }
    String id = NodeIds.score(metric.key());
    graph.add(id, null, new ScoreParams(metric.key(), metric.column(), settings, metric.fitsCorpus(settings)), upstream,
        metric.queue(settings));
    corpusPart.add(id);
  }

  private void variant(VariantSpec variant) {
    String id = variant.id();
    List<String> owned = new ArrayList<>();
    IngestSet source = variant.kind() == VariantKind.TASK_TEXT ? IngestSet.TASKS : IngestSet.CORPUS;
    String textSource = NodeIds.ingest(source);
    String select = NodeIds.select(id);
    String pack = NodeIds.pack(id);
    String train = NodeIds.train(id);
    List<String> selectInputs = new ArrayList<>(List.of(textSource));
    variant.metrics().forEach(metric -> selectInputs.add(NodeIds.score(metric)));
    graph.add(select, id, selectParams(variant, source), selectInputs);
    graph.add(pack, id, new PackParams(source, spec.training().seqLen(), spec.seed(), tokenizer()), List.of(select, textSource));
    TrainParams trainParams = trainParams();
    graph.add(train, id, trainParams, withGeneral(pack, NodeIds.ingest(IngestSet.CORPUS)), trainQueue(trainParams));
    owned.addAll(List.of(select, pack, train));
    reportInputs.add(select);
    reportInputs.add(train);
    evaluations(id, train, owned);
    variantParts.add(new GraphPart(GraphPart.Kind.VARIANT, id, owned));
  }

  /** DACP and TACP take all their text, so no budget or filter is part of their selection. */
  private SelectParams selectParams(VariantSpec variant, IngestSet source) {
    if (!variant.kind().selectsByScore()) {
      return new SelectParams(SelectionKind.ALL, source, null, List.of(), null, null, null, spec.seed());
    }
    List<RankedMetric> ranked = variant.metrics().stream()
        .map(key -> {
          MetricDefinition metric = metrics.get(key);
          return new RankedMetric(key, metric.column(), variant.weights().getOrDefault(key, 1.0), metric.direction(),
              metric.valuesAreLogWeights());
        })
        .toList();
    SelectionSpec selection = spec.selection();
    Double budget = variant.budget() != null ? variant.budget() : selection.budget();
    Long budgetDocs = variant.budget() != null ? null : selection.budgetDocs();
    SelectionKind kind = variant.kind() == VariantKind.COMBINED ? SelectionKind.COMBINED : SelectionKind.ONE_METRIC;
    return new SelectParams(kind, IngestSet.CORPUS, variant.sampling(), ranked, budget, budgetDocs, selection.minTokens(),
        spec.seed());
  }

  private TrainParams trainParams() {
    TrainingSpec training = spec.training();
    return new TrainParams(spec.model().base(), spec.seed(), training.seqLen(), training.microBatch(),
        training.gradAccum(), training.lr(), training.minLrRatio(), training.weightDecay(), training.warmup(),
        training.schedule(), training.epochs(), training.checkpointEvery(), training.evalEvery(), training.clipNorm(),
        training.engine());
  }

  /** Torch training runs only where a worker has said it can run it: the torch queue. */
  private static TaskQueues trainQueue(TrainParams params) {
    return params.engine() == TrainEngine.TORCH ? TaskQueues.TORCH : Stage.TRAIN.defaultQueue();
  }

  /**
   * Evaluation nodes for one model: the base model (by URI, so it needs no upstream) or a variant's trained
   * checkpoint (from {@code train}); their ids go to {@code owned}.
   */
  private void evaluations(String model, String train, List<String> owned) {
    EvaluationSpec evaluation = spec.evaluation();
    String baseUri = train == null ? spec.model().base() : null;
    String variant = train == null ? null : model;
    List<String> fromModel = train == null ? List.of() : List.of(train);
    for (EvalSuite suite : evaluation.suites()) {
      evaluation(model, variant, suite.key(), suite.tasks(), baseUri, fromModel, owned);
    }
    if (!evaluation.tasks().isEmpty()) {
      evaluation(model, variant, "tasks", evaluation.tasks().stream().sorted().distinct().toList(), baseUri, fromModel,
          owned);
    }
    String heldout = NodeIds.eval(model, HeldoutEvalParams.SUITE);
    List<String> heldoutInputs = new ArrayList<>(withGeneral(NodeIds.ingest(IngestSet.CORPUS)));
    heldoutInputs.addAll(fromModel);
    graph.add(heldout, variant, new HeldoutEvalParams(baseUri, spec.training().seqLen(), spec.seed()), heldoutInputs);
    owned.add(heldout);
    reportInputs.add(heldout);
  }

  private void evaluation(String model, String variant, String suite, List<String> tasks, String baseUri,
      List<String> fromModel, List<String> owned) {
    EvaluationSpec evaluation = spec.evaluation();
    SortedMap<String, String> data = new TreeMap<>(evaluation.data());
    data.keySet().retainAll(tasks);
    SortedMap<String, String> fewshotData = new TreeMap<>(evaluation.fewshotData());
    fewshotData.keySet().retainAll(tasks);
    SortedMap<String, String> protocols = new TreeMap<>(evaluation.protocols());
    protocols.keySet().retainAll(tasks);
    String id = NodeIds.eval(model, suite);
    graph.add(id, variant, new TaskEvalParams(baseUri, suite, tasks, evaluation.shots(), evaluation.limit(), spec.seed(),
        data, fewshotData, evaluation.protocol(), protocols, evaluation.bootstrapIters(), evaluation.fitShots()),
        fromModel);
    owned.add(id);
    reportInputs.add(id);
  }

  /** {@code ids} plus the general held-out set when the spec has one. */
  private List<String> withGeneral(String... ids) {
    List<String> inputs = new ArrayList<>(List.of(ids));
    if (spec.heldout().general() != null) {
      inputs.add(NodeIds.ingest(IngestSet.GENERAL));
    }
    return inputs;
  }
}
