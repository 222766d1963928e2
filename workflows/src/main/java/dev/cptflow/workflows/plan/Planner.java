package dev.cptflow.workflows.plan;

import dev.cptflow.workflows.spec.EvalSuite;
import dev.cptflow.workflows.spec.EvaluationSpec;
import dev.cptflow.workflows.spec.GeneralSetSpec;
import dev.cptflow.workflows.spec.Metric;
import dev.cptflow.workflows.spec.SelectionSpec;
import dev.cptflow.workflows.spec.SweepSpec;
import dev.cptflow.workflows.spec.TrainingSpec;
import dev.cptflow.workflows.spec.VariantKind;
import dev.cptflow.workflows.spec.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a spec into the graph of work it needs. Work that several variants need (ingest, each metric's scores)
 * is one node that all of them read, and each node's parameters hold only what decides its output, so equal
 * work gets equal cache keys within a sweep and across sweeps.
 */
public final class Planner {

  public static final String INGEST_CORPUS = "ingest/corpus";
  public static final String INGEST_TASKS = "ingest/tasks";
  public static final String INGEST_GENERAL = "ingest/general";
  public static final String REPORT = "report";
  /** The model behind the {@code ent} metric's POS tags (DESIGN §9). */
  public static final String POS_TAGGER = "opennlp-ud-en-1.3.0";
  /** The model id of the base model's evaluation nodes. */
  public static final String BASE_MODEL = "base";

  private final SweepSpec spec;
  private final GraphBuilder graph = new GraphBuilder();
  private final List<String> reportInputs = new ArrayList<>();

  private Planner(SweepSpec spec) {
    this.spec = spec;
  }

  public static ExperimentGraph plan(SweepSpec spec) {
    return new Planner(spec).build();
  }

  public static String scoreId(Metric metric) {
    return "score/" + metric.key();
  }

  private ExperimentGraph build() {
    ingest();
    spec.usedMetrics().forEach(this::score);
    evaluations(BASE_MODEL, null);
    spec.variants().forEach(this::variant);
    // The report reads the corpus (source labels, for the selection's precision) and every score table (histograms).
    reportInputs.add(INGEST_CORPUS);
    spec.usedMetrics().forEach(metric -> reportInputs.add(scoreId(metric)));
    graph.add(REPORT, Stage.REPORT, null,
        new Params().put("suites", spec.evaluation().suites()).put("variants", spec.variantIds())
            .put("variant_metrics", variantMetrics()).build(),
        reportInputs);
    return graph.build(spec.name(), spec.seed());
  }

  /** Each variant's selection metrics, by variant id (empty for DACP and TACP): the report's histograms. */
  private Map<String, List<String>> variantMetrics() {
    Map<String, List<String>> metrics = new TreeMap<>();
    for (VariantSpec variant : spec.variants()) {
      metrics.put(variant.id(), variant.usedMetrics().stream().map(Metric::key).toList());
    }
    return metrics;
  }

  private String tokenizer() {
    return spec.model().base();
  }

  private void ingest() {
    List<Map<String, Object>> sources = spec.corpus().stream()
        .map(source -> Map.<String, Object>of("uri", source.uri(), "text_field", source.textField(),
            "format", source.format()))
        .toList();
    graph.add(INGEST_CORPUS, Stage.INGEST, null, new Params()
        .put("sources", sources)
        .put("tokenizer", tokenizer())
        .put("shard_docs", spec.ingest().shardDocs())
        .put("on_bad_record", spec.ingest().onBadRecord())
        .put("dedup", spec.ingest().dedup())
        .put("heldout_fraction", spec.heldout().domainFraction())
        .put("seed", spec.seed())
        .build(), List.of());
    if (!spec.taskData().isEmpty()) {
      List<Map<String, Object>> tasks = spec.taskData().stream()
          .map(task -> Map.<String, Object>of("name", task.name(), "uri", task.uri(), "text_field", task.textField(),
              "format", task.format()))
          .toList();
      graph.add(INGEST_TASKS, Stage.INGEST, null,
          new Params().put("tasks", tasks).put("tokenizer", tokenizer()).build(), List.of());
    }
    GeneralSetSpec general = spec.heldout().general();
    if (general != null) {
      graph.add(INGEST_GENERAL, Stage.INGEST, null, new Params()
          .put("uri", general.uri())
          .put("text_field", general.textField())
          .put("max_docs", general.maxDocs())
          .put("tokenizer", tokenizer())
          .build(), List.of());
    }
  }

  private void score(Metric metric) {
    Params params = new Params();
    List<String> upstream = List.of(INGEST_CORPUS);
    switch (metric) {
      case SIM -> {
        params.put("embedder", spec.model().embedder());
        upstream = List.of(INGEST_CORPUS, INGEST_TASKS); // similarity is to the task text
      }
      case PPL -> params.put("proxy", spec.model().proxy()).put("max_tokens", spec.selection().maxScoreTokens());
      case ENT -> params.put("tagger", POS_TAGGER);
    }
    graph.add(scoreId(metric), Stage.SCORE, null, params.build(), upstream);
  }

  private void variant(VariantSpec variant) {
    String id = variant.id();
    String textSource = variant.name() == VariantKind.TACP ? INGEST_TASKS : INGEST_CORPUS;
    String select = "select/" + id;
    String pack = "pack/" + id;
    String train = "train/" + id;
    List<String> selectInputs = new ArrayList<>(List.of(textSource));
    variant.usedMetrics().forEach(metric -> selectInputs.add(scoreId(metric)));
    graph.add(select, Stage.SELECT, id, selectParams(variant), selectInputs);
    graph.add(pack, Stage.PACK, id, new Params()
        .put("seq_len", spec.training().seqLen())
        .put("seed", spec.seed())
        .put("tokenizer", tokenizer())
        .build(), List.of(select, textSource));
    graph.add(train, Stage.TRAIN, id, trainParams(), withGeneral(pack, INGEST_CORPUS));
    reportInputs.add(select);
    reportInputs.add(train);
    evaluations(id, train);
  }

  /** DACP and TACP take all their text, so no budget or filter is part of their selection. */
  private SortedMap<String, String> selectParams(VariantSpec variant) {
    Params params = new Params().put("variant", variant.name()).put("seed", spec.seed());
    if (!variant.name().selectsByScore()) {
      return params.build();
    }
    SelectionSpec selection = spec.selection();
    params.put("sampling", variant.sampling())
        .put("metrics", variant.usedMetrics())
        .put("min_tokens", selection.minTokens());
    if (variant.name() == VariantKind.ETS_DACP_COM) {
      params.put("weights", variant.weights());
    }
    if (variant.budget() != null) {
      params.put("budget", variant.budget());
    } else {
      params.put("budget", selection.budget()).put("budget_docs", selection.budgetDocs());
    }
    return params.build();
  }

  private SortedMap<String, String> trainParams() {
    TrainingSpec training = spec.training();
    return new Params()
        .put("base_model", spec.model().base())
        .put("seed", spec.seed())
        .put("seq_len", training.seqLen())
        .put("micro_batch", training.microBatch())
        .put("grad_accum", training.gradAccum())
        .put("lr", training.lr())
        .put("min_lr_ratio", training.minLrRatio())
        .put("weight_decay", training.weightDecay())
        .put("warmup", training.warmup())
        .put("schedule", training.schedule())
        .put("epochs", training.epochs())
        .put("checkpoint_every", training.checkpointEvery())
        .put("eval_every", training.evalEvery())
        .put("clip_norm", training.clipNorm())
        .build();
  }

  /**
   * Evaluation nodes for one model: the base model (by URI, so it needs no upstream) or a variant's trained
   * checkpoint (from {@code train}).
   */
  private void evaluations(String model, String train) {
    EvaluationSpec evaluation = spec.evaluation();
    String baseUri = train == null ? spec.model().base() : null;
    List<String> fromModel = train == null ? List.of() : List.of(train);
    for (EvalSuite suite : evaluation.suites()) {
      evaluation(model, suite.key(), suite.tasks(), baseUri, fromModel);
    }
    if (!evaluation.tasks().isEmpty()) {
      evaluation(model, "tasks", evaluation.tasks().stream().sorted().distinct().toList(), baseUri, fromModel);
    }
    String heldout = "eval/" + model + "/heldout";
    List<String> heldoutInputs = new ArrayList<>(withGeneral(INGEST_CORPUS));
    heldoutInputs.addAll(fromModel);
    graph.add(heldout, Stage.EVAL, train == null ? null : model, new Params()
        .put("model", baseUri)
        .put("suite", "heldout")
        .put("seq_len", spec.training().seqLen())
        .put("seed", spec.seed())
        .build(), heldoutInputs);
    reportInputs.add(heldout);
  }

  private void evaluation(String model, String suite, List<String> tasks, String baseUri, List<String> fromModel) {
    EvaluationSpec evaluation = spec.evaluation();
    Map<String, String> data = new TreeMap<>(evaluation.data());
    data.keySet().retainAll(tasks);
    String id = "eval/" + model + "/" + suite;
    graph.add(id, Stage.EVAL, baseUri == null ? model : null, new Params()
        .put("model", baseUri)
        .put("suite", suite)
        .put("tasks", String.join(",", tasks))
        .put("shots", evaluation.shots())
        .put("limit", evaluation.limit())
        .put("seed", spec.seed())
        .put("data", data)
        .build(), fromModel);
    reportInputs.add(id);
  }

  /** {@code ids} plus the general held-out set when the spec has one. */
  private List<String> withGeneral(String... ids) {
    List<String> inputs = new ArrayList<>(List.of(ids));
    if (spec.heldout().general() != null) {
      inputs.add(INGEST_GENERAL);
    }
    return inputs;
  }
}
