package dev.cptflow.activities.stage;

import dev.cptflow.activities.metric.ScoringMetric;
import dev.cptflow.activities.score.MetricSummary;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.StoreScoreParts;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.ScoreActivities;
import dev.cptflow.workflows.api.ShardRequest;
import dev.cptflow.workflows.api.ShardResult;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.api.stage.ScoreParams;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The score activity: a thin adapter that fetches a shard, runs {@link ShardScoring} with the node's metric (from the
 * registry, by the node's params) and heartbeats, and stores the shard's Parquet table. Partial rows go to the store
 * as they are scored, so a retry on any worker continues after them; the heartbeat ({@link ShardProgress}) carries the
 * rows scored and persisted, and where this attempt started.
 */
public class ScoreActivitiesImpl implements ScoreActivities {
  /** Rows per durable part: a crash loses at most this much work per shard. */
  private static final int ROWS_PER_PART = 512;
  /** Marks a finished fit, written last. */
  private static final String FIT_DONE = "_FITTED";

  private final StageContext context;
  private final ScorerPool pool = new ScorerPool();

  public ScoreActivitiesImpl(StageContext context) {
    this.context = context;
  }

  @Override
  public void fitCorpus(NodeRequest request) {
    ScoreParams params = request.params(ScoreParams.class);
    ArtifactStore store = context.stores().open(request.storeUri());
    String prefix = StoreScorerContext.fitPrefix(request);
    if (fitted(store, request)) {
      return;
    }
    ScoringMetric<?> metric = StageFailures.validating(() -> context.metrics().scoring(params.metric()));
    IngestOutput corpus = request.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class);
    try (ScratchDirectory scratch = context.artifacts().scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      Path out = Files.createDirectories(scratch.resolve("fit"));
      StageFailures.validating(() -> {
        metric.fit(params.settings(), new IngestOutputs(store, context.artifacts(), corpus),
            new StoreScorerContext(context, store, request), out);
        return null;
      });
      try (Stream<Path> files = Files.walk(out)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          store.put(prefix + "/" + out.relativize(file).toString().replace('\\', '/'), file);
        }
      }
      store.putString(prefix + "/" + FIT_DONE, "");
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": cannot store the fit: " + e.getMessage(), e);
    }
  }

  /** Whether the node's corpus fit is stored whole. */
  public static boolean fitted(ArtifactStore store, NodeRequest request) {
    return store.exists(StoreScorerContext.fitPrefix(request) + "/" + FIT_DONE);
  }

  @Override
  public ShardResult scoreShard(ShardRequest request) {
    NodeRequest node = request.node();
    ScoreParams params = node.params(ScoreParams.class);
    ArtifactStore store = context.stores().open(node.storeUri());
    String table = ScoreOutput.tableKey(node.outputPrefix(), request.shardIndex());
    if (store.exists(table)) {
      // A retry after the upload but before the activity completed: the table is final.
      return summarise(request, context.artifacts().file(store, table), params.column(), table, 0);
    }
    ActivityExecutionContext activity = Activity.getExecutionContext();
    AtomicReference<ShardProgress> progress = new AtomicReference<>(ShardProgress.starting(node.node().id(), request.shardIndex(), activity.getInfo().getAttempt()));
    // From the start: loading the scorer's model can take longer than a short heartbeat timeout.
    try (Heartbeats heartbeats = new Heartbeats(activity, 10, progress::get)) {
      IngestOutput corpus = node.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class);
      Path shard = context.artifacts().file(store, corpus.shardKey(request.shardIndex()));
      String cacheKey = node.node().cacheKey();
      Scorer scorer = StageFailures.validating(() -> pool.borrow(cacheKey, () -> context.metrics().scoring(params.metric())
          .scorer(params.settings(), new StoreScorerContext(context, store, node))));
      ShardScoring.Result result;
      StoreScoreParts parts = new StoreScoreParts(store, node.outputPrefix() + "/parts/" + request.shardIndex());
      try {
        result = ShardScoring.score(shard, scorer, parts, ROWS_PER_PART, new ShardScoring.Progress() {
          @Override
          public void resumedAt(long offset) {
            progress.set(progress.get().resumedAt(offset));
            activity.heartbeat(progress.get());
          }

          @Override
          public void batchDone(long scored, long persisted) {
            progress.set(progress.get().at(scored, persisted));
            activity.heartbeat(progress.get());
          }
        });
      } finally {
        pool.giveBack(cacheKey, scorer);
      }
      try (ScratchDirectory scratch = context.artifacts().scratch()) {
        Path local = scratch.resolve(ScoreOutput.tableName(request.shardIndex()));
        ScoreTables.write(local, params.column(), result.rows());
        store.put(table, local);
        parts.clear();
        return summarise(request, local, params.column(), table, result.resumedFrom());
      }
    }
  }

  private static ShardResult summarise(ShardRequest request, Path local, String column, String key, long resumedFrom) {
    List<ScoreRow> rows = ScoreTables.read(local, column);
    long tokens = rows.stream().mapToLong(ScoreRow::tokens).sum();
    return new ShardResult(request.shardIndex(), rows.size(), tokens, key, resumedFrom);
  }

  @Override
  public StageResult summarizeScores(NodeRequest request) {
    ScoreParams params = request.params(ScoreParams.class);
    ArtifactStore store = context.stores().open(request.storeUri());
    int shards = request.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class).shards();
    ScoreOutput output = new ScoreOutput(request.outputPrefix(), params.metric(), params.column(), shards, 0, 0);
    MetricSummary summary;
    try (Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      summary = MetricSummary.of(params.column(), localTables(store, context.artifacts(), request.node().id(), output));
      store.putString(output.summaryKey(), Json.write(summary));
    }
    return request.result(new ScoreOutput(request.outputPrefix(), params.metric(), params.column(), shards, summary.docs(),
        summary.tokens()), counters(summary, shards));
  }

  private static SortedMap<String, Double> counters(MetricSummary summary, int shards) {
    SortedMap<String, Double> counters = new TreeMap<>(summary.counters());
    counters.put("shards", (double) shards);
    return counters;
  }

  /** Local copies of a score node's per-shard tables, in shard order; a missing table fails naming it. */
  static List<Path> localTables(ArtifactStore store, LocalArtifacts artifacts, String nodeId, ScoreOutput scores) {
    List<Path> tables = new ArrayList<>();
    for (int shard = 0; shard < scores.shards(); shard++) {
      String key = scores.tableKey(shard);
      if (!store.exists(key)) {
        throw new IllegalStateException(nodeId + ": shard " + shard + " has no score table " + key);
      }
      tables.add(artifacts.file(store, key));
    }
    return tables;
  }
}
