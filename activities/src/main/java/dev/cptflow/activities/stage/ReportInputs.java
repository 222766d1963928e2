package dev.cptflow.activities.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.report.CurvePoint;
import dev.cptflow.activities.report.Estimate;
import dev.cptflow.activities.report.MetricScores;
import dev.cptflow.activities.report.ModelRow;
import dev.cptflow.activities.report.ReportInput;
import dev.cptflow.activities.report.SelectionQuality;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.select.SelectionBalance;
import dev.cptflow.activities.store.Json;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.stage.EvalOutput;
import dev.cptflow.workflows.api.stage.HeldoutEvalParams;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.ReportParams;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.api.stage.SelectionResult;
import dev.cptflow.workflows.api.stage.TrainOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gathers everything the report shows from the sweep's finished nodes: the eval results of every model, held-out
 * losses, training curves and cost, the selections, the score tables and the corpus's source labels. Every number
 * comes from a stored artifact of this run, found through the nodes' output records.
 */
final class ReportInputs {
  /** The metric a task's column shows, as the paper and the harnesses report each task. */
  static final Map<String, String> HEADLINE_METRICS = Map.of(
      "fpb", "f1", "fiqasa", "f1", "headlines", "f1", "ner", "entity_f1",
      "arc_easy", "acc_norm", "arc_challenge", "acc_norm", "hellaswag", "acc_norm", "mmlu", "acc",
      "truthfulqa_mc1", "acc", "truthfulqa_mc2", "acc");
  /** A corpus document from the planted sub-domain carries this source label (the demo data's, or any "finance"). */
  static final String DOMAIN_LABEL = "finance";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeRequest request;
  private final ReportParams params;
  private final ArtifactStore store;
  private final LocalArtifacts artifacts;

  ReportInputs(NodeRequest request, ArtifactStore store, LocalArtifacts artifacts) {
    this.request = request;
    this.params = request.params(ReportParams.class);
    this.store = store;
    this.artifacts = artifacts;
  }

  ReportInput gather(String title) throws IOException {
    List<String> notes = new ArrayList<>();
    List<String> models = new ArrayList<>(List.of(NodeIds.BASE_MODEL));
    models.addAll(params.variants());
    Map<String, Map<String, Estimate>> metrics = new LinkedHashMap<>();
    Set<String> columns = new LinkedHashSet<>();
    Map<String, Set<String>> protocols = new TreeMap<>();
    for (String model : models) {
      metrics.put(model, taskMetrics(model, columns, notes, protocols));
    }
    notes.addAll(0, protocolNotes(columns, protocols));
    List<ModelRow> rows = new ArrayList<>();
    for (String model : models) {
      rows.add(row(model, metrics.get(model)));
    }
    Map<String, String> sources = sourceLabels();
    List<ReportInput.SelectionLengths> lengths = selectionLengths();
    lengths.stream().filter(l -> l.balance().warning() != null)
        .forEach(l -> notes.add(l.variant() + ": " + l.balance().warning() + "."));
    return new ReportInput(request.sweepId(), title, List.copyOf(columns), rows, metricScores(),
        selections(sources), notes.stream().distinct().toList(), lengths);
  }

  /** Each variant's token lengths from its selection summary (a summary from an earlier release has none). */
  private List<ReportInput.SelectionLengths> selectionLengths() {
    List<ReportInput.SelectionLengths> lengths = new ArrayList<>();
    for (String variant : params.variants()) {
      SelectionResult select = request.input(NodeIds.select(variant), SelectionResult.class);
      if (!store.exists(select.summaryKey())) {
        continue;
      }
      SelectionSummaryBalance summary = Json.read(store.readString(select.summaryKey()), SelectionSummaryBalance.class);
      if (summary.balance() != null) {
        lengths.add(new ReportInput.SelectionLengths(variant, summary.balance()));
      }
    }
    return lengths;
  }

  /** The part of {@code selection.summary.json} the report reads. */
  private record SelectionSummaryBalance(SelectionBalance balance) {}

  /** The headline metric of every task this model's eval nodes ran, as "task.metric". */
  private Map<String, Estimate> taskMetrics(String model, Set<String> columns, List<String> notes,
      Map<String, Set<String>> protocols) throws IOException {
    Map<String, Estimate> values = new TreeMap<>();
    for (String suite : params.evalSuites()) {
      EvalOutput eval = request.input(NodeIds.eval(model, suite), EvalOutput.class);
      JsonNode results = JSON.readTree(store.readString(eval.resultsKey()));
      results.path("results").fields().forEachRemaining(task -> {
        String metric = HEADLINE_METRICS.getOrDefault(task.getKey(), "acc");
        JsonNode protocol = task.getValue().get("protocol");
        if (protocol != null && protocol.isTextual()) {
          protocols.computeIfAbsent(task.getKey() + "." + metric, column -> new LinkedHashSet<>()).add(protocol.asText());
        }
        JsonNode value = task.getValue().get(metric);
        if (value != null && value.isNumber()) {
          JsonNode stderr = task.getValue().get(metric + "_stderr");
          values.put(task.getKey() + "." + metric, new Estimate(value.asDouble(),
              stderr != null && stderr.isNumber() ? stderr.asDouble() : null));
        }
      });
      results.path("warnings").forEach(warning -> notes.add(warning.asText()));
    }
    // Columns in the suites' task order, as the first model that has each shows them.
    for (String task : params.taskOrder()) {
      String column = task + "." + HEADLINE_METRICS.getOrDefault(task, "acc");
      if (values.containsKey(column)) {
        columns.add(column);
      }
    }
    return values;
  }

  /**
   * Which protocol produced each column: "generate" (FLARE's: a greedy answer, matched to a choice for FPB, FiQA-SA
   * and Headlines) or "loglik" (lm-evaluation-harness's ranking of the choices). Numbers of different protocols are
   * not comparable, so a column the models got by different protocols says so.
   */
  private static List<String> protocolNotes(Set<String> columns, Map<String, Set<String>> protocols) {
    Map<String, List<String>> byProtocol = new TreeMap<>();
    for (String column : columns) {
      Set<String> used = protocols.getOrDefault(column, Set.of());
      if (!used.isEmpty()) {
        byProtocol.computeIfAbsent(String.join(" and ", used), protocol -> new ArrayList<>()).add(column);
      }
    }
    List<String> notes = new ArrayList<>();
    byProtocol.forEach((protocol, cols) -> notes.add("Protocol " + protocol + ": " + String.join(", ", cols)
        + (protocol.equals("generate") ? " (greedy generation; FPB, FiQA-SA and Headlines answers matched to a choice as"
            + " FLARE does)." : protocol.equals("loglik") ? " (choices ranked by log-likelihood, lm-evaluation-harness)."
            : " (the models were evaluated by different protocols: not comparable).")));
    return notes;
  }

  private ModelRow row(String model, Map<String, Estimate> values) throws IOException {
    EvalOutput heldout = request.input(NodeIds.eval(model, HeldoutEvalParams.SUITE), EvalOutput.class);
    Double domain = heldout.heldoutLoss().get("domain");
    Double general = heldout.heldoutLoss().get("general");
    Optional<TrainOutput> trained = request.optionalInput(NodeIds.train(model), TrainOutput.class);
    if (trained.isEmpty()) {
      return new ModelRow(model, values, domain, general, null, null, null, List.of(), List.of(), List.of());
    }
    TrainOutput train = trained.get();
    TrainCost cost = JSON.readValue(store.readString(train.costKey()), TrainCost.class);
    List<CurvePoint> losses = new ArrayList<>();
    List<CurvePoint> domainCurve = new ArrayList<>();
    List<CurvePoint> generalCurve = new ArrayList<>();
    for (String line : store.readString(train.lossesKey()).split("\n")) {
      if (!line.isBlank()) {
        JsonNode step = JSON.readTree(line);
        losses.add(new CurvePoint(step.get("step").asInt(), step.get("loss").asDouble()));
      }
    }
    if (train.evalKey() != null) {
      for (String line : store.readString(train.evalKey()).split("\n")) {
        if (!line.isBlank()) {
          JsonNode step = JSON.readTree(line);
          if (step.has("domain")) {
            domainCurve.add(new CurvePoint(step.get("step").asInt(), step.get("domain").asDouble()));
          }
          if (step.has("general")) {
            generalCurve.add(new CurvePoint(step.get("step").asInt(), step.get("general").asDouble()));
          }
        }
      }
    }
    return new ModelRow(model, values, domain, general, cost.tokensTrained(), cost.wallSeconds(), cost.device(), losses,
        domainCurve, generalCurve);
  }

  /** Every document's score per metric, and the scores of what each variant using the metric selected. */
  private List<MetricScores> metricScores() {
    Map<String, Set<String>> selectedIds = new HashMap<>();
    List<MetricScores> scores = new ArrayList<>();
    for (Map.Entry<String, String> metricColumn : params.metricColumns().entrySet()) {
      String metric = metricColumn.getKey();
      String nodeId = NodeIds.score(metric);
      ScoreOutput output = request.input(nodeId, ScoreOutput.class);
      List<ScoreRow> rows = new ArrayList<>();
      for (Path table : ScoreActivitiesImpl.localTables(store, artifacts, nodeId, output)) {
        rows.addAll(ScoreTables.read(table, metricColumn.getValue()));
      }
      double[] all = rows.stream().mapToDouble(ScoreRow::score).filter(Double::isFinite).toArray();
      Map<String, double[]> selected = new LinkedHashMap<>();
      params.variants().forEach(variant -> {
        if (params.variantMetrics().getOrDefault(variant, List.of()).contains(metric)) {
          Set<String> ids = selectedIds.computeIfAbsent(variant, this::selection);
          selected.put(variant, rows.stream().filter(row -> ids.contains(row.id())).mapToDouble(ScoreRow::score)
              .filter(Double::isFinite).toArray());
        }
      });
      scores.add(new MetricScores(metric, all, selected));
    }
    return scores;
  }

  private Set<String> selection(String variant) {
    SelectionResult select = request.input(NodeIds.select(variant), SelectionResult.class);
    return SelectionFiles.readIds(artifacts.file(store, select.selectionKey()));
  }

  /** Document id → source label, or an empty map when the corpus carries no labels. */
  private Map<String, String> sourceLabels() {
    Map<String, String> sources = new HashMap<>();
    IngestOutput corpus = request.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class);
    new IngestOutputs(store, artifacts, corpus).forEach((Document document) -> {
      // A document without its own label carries its file's URI, which is not a sub-domain.
      String source = document.source();
      if (source != null && !source.startsWith("file:") && !source.startsWith("s3:") && !source.startsWith("demo:")) {
        sources.put(document.id(), source);
      }
    });
    return sources;
  }

  /** Precision and recall of each corpus selection against the planted sub-domain, when labels exist. */
  private List<SelectionQuality> selections(Map<String, String> sources) {
    long inDomain = sources.values().stream().filter(ReportInputs::isDomain).count();
    if (sources.isEmpty() || inDomain == 0) {
      return List.of();
    }
    List<SelectionQuality> qualities = new ArrayList<>();
    for (String variant : params.variants()) {
      SelectionResult select = request.input(NodeIds.select(variant), SelectionResult.class);
      Set<String> ids = selection(variant);
      long hits = ids.stream().filter(id -> isDomain(sources.get(id))).count();
      if (ids.stream().noneMatch(sources::containsKey)) {
        continue; // TACP selects task documents, not corpus ones
      }
      qualities.add(new SelectionQuality(variant, ids.size(), select.tokens(), hits, inDomain, sources.size()));
    }
    return qualities;
  }

  private static boolean isDomain(String source) {
    return source != null && (source.equals(DOMAIN_LABEL) || source.startsWith(DOMAIN_LABEL + "/"));
  }
}
