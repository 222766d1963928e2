package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.select.ScoreInputs;
import dev.cptflow.activities.select.ScoreTable;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.select.SelectionRequests;
import dev.cptflow.activities.select.Selector;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.RankedMetric;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.api.stage.SelectParams;
import dev.cptflow.workflows.api.stage.SelectionResult;
import io.temporal.activity.Activity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The select activity: reads the score tables of the variant's metrics (every shard of every metric) and runs the
 * {@link Selector}; a selection of everything takes every training document of its source set (DACP the corpus, TACP
 * the task text). Writes {@code selection.parquet} (id, source_id, tokens, weight, rank) and
 * {@code selection.summary.json} under the node's prefix.
 */
public class SelectActivitiesImpl implements SelectActivities {
  private final StageContext context;

  public SelectActivitiesImpl(StageContext context) {
    this.context = context;
  }

  @Override
  public StageResult select(NodeRequest request) {
    SelectParams params = request.params(SelectParams.class);
    ArtifactStore store = context.stores().open(request.storeUri());
    try (ScratchDirectory scratch = context.artifacts().scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      Selector.Selection selection = StageFailures.validating(() -> params.everything()
          ? Selector.everything(allDocuments(request, store, params.source()), params.seed())
          : Selector.select(ScoreInputs.read(scoreTables(request, store, params)), SelectionRequests.of(params)));
      SelectionResult output = new SelectionResult(request.outputPrefix(), params.everything(), selection.summary().docs(),
          selection.summary().tokens(), selection.summary().corpusDocs(), selection.summary().corpusTokens(),
          selection.summary().achievedFraction(), selection.summary().droppedBelowMinTokens());
      Path local = scratch.resolve(SelectionResult.SELECTION);
      SelectionFiles.write(local, selection);
      SelectionFiles.writeSummary(scratch.resolve(SelectionResult.SUMMARY), selection.summary());
      store.put(output.selectionKey(), local);
      store.put(output.summaryKey(), scratch.resolve(SelectionResult.SUMMARY));
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("docs", (double) output.docs());
      counters.put("tokens", (double) output.tokens());
      counters.put("corpus_docs", (double) output.corpusDocs());
      counters.put("corpus_tokens", (double) output.corpusTokens());
      counters.put("fraction", output.fraction());
      counters.put("dropped_below_min_tokens", (double) output.droppedBelowMinTokens());
      counters.put("dropped_ineligible", (double) selection.summary().droppedIneligible());
      counters.put("half_tokens_docs", (double) selection.summary().balance().halfTokensDocs());
      return request.result(output, counters);
    }
  }

  /** Every shard's table of every metric the variant uses; the tables of one metric are parts of one column. */
  private List<Path> scoreTables(NodeRequest request, ArtifactStore store, SelectParams params) {
    List<Path> tables = new ArrayList<>();
    for (RankedMetric metric : params.metrics()) {
      String nodeId = NodeIds.score(metric.metric());
      tables.addAll(ScoreActivitiesImpl.localTables(store, context.artifacts(), nodeId,
          request.input(nodeId, ScoreOutput.class)));
    }
    return tables;
  }

  /** DACP reads the corpus shards (the held-out split is not among them); TACP the task shards. */
  private ScoreTable allDocuments(NodeRequest request, ArtifactStore store, IngestSet source) {
    List<String> ids = new ArrayList<>();
    List<String> sourceIds = new ArrayList<>();
    List<Integer> tokens = new ArrayList<>();
    IngestOutput ingest = request.input(NodeIds.ingest(source), IngestOutput.class);
    new IngestOutputs(store, context.artifacts(), ingest).forEach((Document document) -> {
      ids.add(document.id());
      sourceIds.add(document.sourceId());
      tokens.add(document.tokens());
    });
    boolean anySourceId = sourceIds.stream().anyMatch(id -> id != null);
    return ScoreTable.of(ids.toArray(String[]::new), anySourceId ? sourceIds.toArray(String[]::new) : null,
        tokens.stream().mapToInt(Integer::intValue).toArray(), List.of(), new double[0][]);
  }
}
