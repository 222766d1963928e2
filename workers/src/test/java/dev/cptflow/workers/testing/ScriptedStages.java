package dev.cptflow.workers.testing;

import dev.cptflow.activities.stage.ShardProgress;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.FailureTypes;
import dev.cptflow.workflows.api.IngestActivities;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.ReportActivities;
import dev.cptflow.workflows.api.ScoreActivities;
import dev.cptflow.workflows.api.SelectActivities;
import dev.cptflow.workflows.api.ShardRequest;
import dev.cptflow.workflows.api.ShardResult;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.api.stage.EvalOutput;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.PackOutput;
import dev.cptflow.workflows.api.stage.ReportOutput;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.api.stage.ScoreParams;
import dev.cptflow.workflows.api.stage.SelectParams;
import dev.cptflow.workflows.api.stage.SelectionResult;
import dev.cptflow.workflows.api.stage.StageOutput;
import dev.cptflow.workflows.api.stage.TrainOutput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Test-only stages that drive the graph end to end: each writes a small real output under its node's
 * prefix and returns its stage's output record with counts derived from its input; score shards walk their documents with real
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
    boolean corpus = request.params(IngestParams.class).set() == IngestSet.CORPUS;
    int shards = corpus ? script.shards() : 1;
    long docs = shards * script.docsPerShard();
    return finish(request, new IngestOutput(request.outputPrefix(), shards, docs, docs * 10, 0, 0, 0, 0),
        Map.of("shards", (double) shards, "docs", (double) docs));
  }

  @Override
  public void fitCorpus(NodeRequest request) {
    script.record(request.node().id() + "#fit");
  }

  @Override
  public ShardResult scoreShard(ShardRequest request) {
    script.record(request.node().node().id() + "#" + request.shardIndex());
    ActivityExecutionContext context = Activity.getExecutionContext();
    String nodeId = request.node().node().id();
    Optional<ShardProgress> resumeFrom = context.getHeartbeatDetails(ShardProgress.class);
    long start = resumeFrom.map(ShardProgress::persisted).orElse(0L);
    script.shardStarted(workerName, request.shardIndex(), start, context.getInfo().getAttempt());
    for (long doc = start; doc < script.docsPerShard(); doc++) {
      script.pauseBetweenDocs();
      context.heartbeat(
          new ShardProgress(nodeId, request.shardIndex(), context.getInfo().getAttempt(), start, doc + 1, doc + 1));
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
    ScoreParams params = request.params(ScoreParams.class);
    int shards = request.input(NodeIds.ingest(IngestSet.CORPUS), IngestOutput.class).shards();
    long docs = shards * script.docsPerShard();
    return finish(request, new ScoreOutput(request.outputPrefix(), params.metric(), params.column(), shards, docs, docs * 10),
        Map.of("docs", (double) docs));
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
      throw ApplicationFailure.newNonRetryableFailure(nodeId + ": planted bad input", FailureTypes.VALIDATION);
    }
    long upstreamDocs = (long) request.upstream().values().stream().mapToDouble(result -> result.shown("docs", 0)).sum();
    return finish(request, output(request, upstreamDocs), Map.of("docs", (double) upstreamDocs));
  }

  /** A plausible output record of the node's stage, sized by what reached it. */
  private static StageOutput output(NodeRequest request, long docs) {
    String prefix = request.outputPrefix();
    return switch (request.node().stage()) {
      case SELECT -> new SelectionResult(prefix, request.params(SelectParams.class).everything(), docs, docs * 10, docs,
          docs * 10, 1.0, 0);
      case PACK -> new PackOutput(prefix, docs, docs * 10, docs, 0);
      case TRAIN -> new TrainOutput(prefix, 1, docs * 10, 1.0, 0.1, 0, new TreeMap<>(), false);
      case EVAL -> new EvalOutput(prefix, request.node().id(), List.of(), List.of(), new TreeMap<>(), new TreeMap<>());
      case REPORT -> new ReportOutput(prefix, new TreeMap<>(Map.of("output.txt", prefix + "/output.txt")), 1, 0);
      case INGEST, SCORE -> throw new IllegalStateException(request.node().id() + " has its own scripted activity");
    };
  }

  private StageResult finish(NodeRequest request, StageOutput output, Map<String, Double> counters) {
    String key = request.outputPrefix() + "/output.txt";
    store(request).putString(key, request.node().id() + " from " + request.upstream().keySet() + "\n");
    return request.result(output, new TreeMap<>(counters));
  }

  private ArtifactStore store(NodeRequest request) {
    return stores.open(request.storeUri());
  }
}
