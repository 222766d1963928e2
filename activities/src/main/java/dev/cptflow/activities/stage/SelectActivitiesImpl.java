package dev.cptflow.activities.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.select.ScoreInputs;
import dev.cptflow.activities.select.ScoreTable;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.select.Selector;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.Planner;
import dev.cptflow.workflows.spec.Metric;
import dev.cptflow.workflows.spec.VariantKind;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The select activity: reads the score tables of the variant's metrics (every shard of every metric) and runs the
 * {@link Selector}; DACP takes every training document of the corpus and TACP every task document. Writes
 * {@code selection.parquet} (id, tokens, weight, rank) and {@code selection.summary.json} under the node's prefix.
 */
public class SelectActivitiesImpl implements SelectActivities {
  public static final String SELECTION = "selection.parquet";
  public static final String SUMMARY = "selection.summary.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;

  public SelectActivitiesImpl(StoreRegistry stores, LocalArtifacts artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
  }

  @Override
  public StageResult select(NodeRequest request) {
    Map<String, String> params = request.node().params();
    ArtifactStore store = stores.open(request.storeUri());
    VariantKind variant = variant(params.get("variant"));
    long seed = Long.parseLong(params.get("seed"));
    try (ScratchDirectory scratch = artifacts.scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      Selector.Selection selection = StageFailures.validating(() -> variant.selectsByScore()
          ? Selector.select(ScoreInputs.read(scoreTables(request, store)), selectionRequest(params, seed))
          : Selector.everything(allDocuments(request, store, variant), seed));
      Path local = scratch.resolve(SELECTION);
      SelectionFiles.write(local, selection);
      SelectionFiles.writeSummary(scratch.resolve(SUMMARY), selection.summary());
      String prefix = request.outputPrefix();
      store.put(prefix + "/" + SELECTION, local);
      store.put(prefix + "/" + SUMMARY, scratch.resolve(SUMMARY));
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("docs", (double) selection.summary().docs());
      counters.put("tokens", (double) selection.summary().tokens());
      counters.put("corpus_docs", (double) selection.summary().corpusDocs());
      counters.put("corpus_tokens", (double) selection.summary().corpusTokens());
      counters.put("fraction", selection.summary().achievedFraction());
      counters.put("dropped_below_min_tokens", (double) selection.summary().droppedBelowMinTokens());
      // Packing can then stream the source shards without looking ids up.
      counters.put("all", variant.selectsByScore() ? 0.0 : 1.0);
      return new StageResult(request.node().id(), request.node().cacheKey(), prefix,
          new TreeMap<>(Map.of("selection", prefix + "/" + SELECTION, "summary", prefix + "/" + SUMMARY)), counters, false);
    }
  }

  private static VariantKind variant(String key) {
    for (VariantKind kind : VariantKind.values()) {
      if (kind.key().equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown variant '" + key + "'");
  }

  /** Every shard's table of every metric the variant uses; the tables of one metric are parts of one column. */
  private List<Path> scoreTables(NodeRequest request, ArtifactStore store) {
    int shards = (int) request.upstreamResult(Planner.INGEST_CORPUS).counter("shards", 0);
    List<Path> tables = new ArrayList<>();
    for (String metric : metrics(request.node().params())) {
      StageResult scores = request.upstreamResult(Planner.scoreId(Metric.valueOf(metric.toUpperCase(Locale.ROOT))));
      tables.addAll(ScoreActivitiesImpl.localTables(store, artifacts, scores.nodeId(), scores.outputPrefix(), shards));
    }
    return tables;
  }

  /** DACP reads the corpus shards (the held-out split is not among them); TACP the task shards. */
  private ScoreTable allDocuments(NodeRequest request, ArtifactStore store, VariantKind variant) {
    String source = variant == VariantKind.TACP ? Planner.INGEST_TASKS : Planner.INGEST_CORPUS;
    List<String> ids = new ArrayList<>();
    List<Integer> tokens = new ArrayList<>();
    new IngestOutputs(store, artifacts, request.upstreamResult(source)).forEachDocument(document -> {
      ids.add(document.id());
      tokens.add(document.tokens());
    });
    return ScoreTable.of(ids.toArray(String[]::new), tokens.stream().mapToInt(Integer::intValue).toArray(), List.of(),
        new double[0][]);
  }

  private static Selector.SelectionRequest selectionRequest(Map<String, String> params, long seed) {
    Map<String, Double> weights = params.containsKey("weights") ? readJson(params.get("weights"), new TypeReference<>() {}) : Map.of();
    String budgetDocs = params.get("budget_docs");
    Long docs = budgetDocs == null ? null : Long.valueOf(budgetDocs);
    Double budget = docs != null || params.get("budget") == null ? null : Double.valueOf(params.get("budget"));
    return new Selector.SelectionRequest(metrics(params), weights, "soft".equals(params.get("sampling")), budget, docs,
        Integer.parseInt(params.getOrDefault("min_tokens", "0")), seed);
  }

  private static List<String> metrics(Map<String, String> params) {
    return readJson(params.get("metrics"), new TypeReference<List<String>>() {});
  }

  private static <T> T readJson(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("malformed select param: " + json, e);
    }
  }
}
