package dev.cptflow.workers.testing;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.IngestActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.ScoreActivities;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.ShardRequest;
import dev.cptflow.workflows.api.ShardResult;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.flow.Failures;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Test-only stages that drive the graph end to end: each writes a small real output under its node's
 * prefix and returns counters derived from its input; score shards walk their documents with real
 * heartbeats and resume from the heartbeat details. Behaviour is set through {@link StageScript}, and
 * every call is counted in it, so tests can assert what ran and how.
 */
public class ScriptedStages
    implements IngestActivities, ScoreActivities, SelectActivities, PackActivities, TrainActivities, EvalActivities,
        ReportActivities {
  private final String workerName;
  private final StageScript script;
  private final StoreRegistry stores;

  public ScriptedStages(String workerName, StageScript script, StoreRegistry stores) {
    this.workerName = workerName;
    this.script = script;
    this.stores = stores;
  }

  @Override
  public StageResult ingest(NodeRequest request) {
    script.record(request.node().id());
    boolean corpus = request.node().id().equals("ingest/corpus");
    int shards = corpus ? script.shards() : 1;
    return finish(request, Map.of("shards", (double) shards, "docs", (double) shards * script.docsPerShard()));
  }

  @Override
  public ShardResult scoreShard(ShardRequest request) {
    script.record(request.node().node().id() + "#" + request.shardIndex());
    ActivityExecutionContext context = Activity.getExecutionContext();
    Optional<Long> resumeFrom = context.getHeartbeatDetails(Long.class);
    long start = resumeFrom.orElse(0L);
    script.shardStarted(workerName, request.shardIndex(), start, context.getInfo().getAttempt());
    for (long doc = start; doc < script.docsPerShard(); doc++) {
      script.pauseBetweenDocs();
      context.heartbeat(doc + 1);
      script.docScored(request.shardIndex(), doc + 1);
    }
    script.shardFinished(workerName, request.shardIndex(), start);
    String key = request.node().outputPrefix() + String.format("/shard-%05d.txt", request.shardIndex());
    store(request.node()).putString(key, "shard " + request.shardIndex() + " scored\n");
    return new ShardResult(request.shardIndex(), script.docsPerShard(), script.docsPerShard() * 10, key, start);
  }

  @Override
  public StageResult summarizeScores(NodeRequest request) {
    script.record(request.node().id() + "#summary");
    return finish(request, Map.of());
  }

  @Override
  public StageResult select(NodeRequest request) {
    return run(request);
  }

  @Override
  public StageResult pack(NodeRequest request) {
    return run(request);
  }

  @Override
  public StageResult train(NodeRequest request) {
    return run(request);
  }

  @Override
  public StageResult evaluate(NodeRequest request) {
    return run(request);
  }

  @Override
  public StageResult report(NodeRequest request) {
    return run(request);
  }

  private StageResult run(NodeRequest request) {
    String nodeId = request.node().id();
    script.record(nodeId);
    if (script.failsWithValidation(nodeId)) {
      throw ApplicationFailure.newNonRetryableFailure(nodeId + ": planted bad input", Failures.VALIDATION);
    }
    double upstreamDocs = request.upstream().values().stream().mapToDouble(result -> result.counter("docs", 0)).sum();
    return finish(request, Map.of("docs", upstreamDocs));
  }

  private StageResult finish(NodeRequest request, Map<String, Double> counters) {
    String key = request.outputPrefix() + "/output.txt";
    store(request).putString(key, request.node().id() + " from " + request.upstream().keySet() + "\n");
    SortedMap<String, String> artifacts = new TreeMap<>(Map.of("output", key));
    return new StageResult(request.node().id(), request.node().cacheKey(), request.outputPrefix(), artifacts, new TreeMap<>(counters), false);
  }

  private ArtifactStore store(NodeRequest request) {
    return stores.open(request.storeUri());
  }
}
