package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.ShardFiles;
import dev.cptflow.activities.score.MetricSummary;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.StoreScoreParts;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.ScoreActivities;
import dev.cptflow.workflows.api.ShardRequest;
import dev.cptflow.workflows.api.ShardResult;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.Planner;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The score activity: a thin adapter that fetches a shard, runs {@link ShardScoring} with heartbeats,
 * and stores the shard's Parquet table. Partial rows go to the store as they are scored, so a retry
 * on any worker continues after them; the heartbeat carries the persisted row count.
 */
public class ScoreActivitiesImpl implements ScoreActivities {
  /** Rows per durable part: a crash loses at most this much work per shard. */
  private static final int ROWS_PER_PART = 512;

  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;
  private final ScorerFactory scorers;
  private final ScorerPool pool = new ScorerPool();

  public ScoreActivitiesImpl(StoreRegistry stores, LocalArtifacts artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
    this.scorers = new ScorerFactory(new ModelLocations(stores, artifacts), artifacts);
  }

  @Override
  public ShardResult scoreShard(ShardRequest request) {
    NodeRequest node = request.node();
    ArtifactStore store = stores.open(node.storeUri());
    String table = node.outputPrefix() + "/" + ShardFiles.scoreTable(request.shardIndex());
    if (store.exists(table)) {
      // A retry after the upload but before the activity completed: the table is final.
      return summarise(request, artifacts.file(store, table), table, 0);
    }
    StageResult ingest = node.upstreamResult(Planner.INGEST_CORPUS);
    Path shard = artifacts.file(store, ingest.outputPrefix() + "/" + ShardFiles.shard(request.shardIndex()));
    String cacheKey = node.node().cacheKey();
    Scorer scorer = StageFailures.validating(() -> pool.borrow(cacheKey, () -> scorers.create(node, store, request.metric())));
    ShardScoring.Result result;
    ActivityExecutionContext context = Activity.getExecutionContext();
    StoreScoreParts parts = new StoreScoreParts(store, node.outputPrefix() + "/parts/" + request.shardIndex());
    try {
      result = ShardScoring.score(shard, scorer, parts, ROWS_PER_PART, (scored, persisted) -> context.heartbeat(persisted));
    } finally {
      pool.giveBack(cacheKey, scorer);
    }
    try (ScratchDirectory scratch = artifacts.scratch()) {
      Path local = scratch.resolve(ShardFiles.scoreTable(request.shardIndex()));
      ScoreTables.write(local, request.metric(), result.rows());
      store.put(table, local);
      parts.clear();
      return summarise(request, local, table, result.resumedFrom());
    }
  }

  private static ShardResult summarise(ShardRequest request, Path local, String key, long resumedFrom) {
    List<ScoreRow> rows = ScoreTables.read(local, request.metric());
    long tokens = rows.stream().mapToLong(ScoreRow::tokens).sum();
    return new ShardResult(request.shardIndex(), rows.size(), tokens, key, resumedFrom);
  }

  @Override
  public StageResult summarizeScores(NodeRequest request) {
    ArtifactStore store = stores.open(request.storeUri());
    String metric = request.node().id().substring("score/".length());
    int shards = (int) request.upstreamResult(Planner.INGEST_CORPUS).counter("shards", 0);
    List<Path> tables = localTables(store, artifacts, request.node().id(), request.outputPrefix(), shards);
    MetricSummary summary = MetricSummary.of(metric, tables);
    String summaryKey = request.outputPrefix() + "/" + ShardFiles.SUMMARY;
    store.putString(summaryKey, Json.write(summary));
    return new StageResult(request.node().id(), request.node().cacheKey(), request.outputPrefix(),
        new TreeMap<>(Map.of("summary", summaryKey)), new TreeMap<>(summary.counters()), false);
  }

  /** Local copies of a score node's per-shard tables, in shard order; a missing table fails naming it. */
  static List<Path> localTables(ArtifactStore store, LocalArtifacts artifacts, String nodeId, String prefix, int shards) {
    List<Path> tables = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      String key = prefix + "/" + ShardFiles.scoreTable(shard);
      if (!store.exists(key)) {
        throw new IllegalStateException(nodeId + ": shard " + shard + " has no score table " + key);
      }
      tables.add(artifacts.file(store, key));
    }
    return tables;
  }
}
