package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.ProgressReport;
import dev.cptflow.workflows.api.ScoreBatchRequest;
import dev.cptflow.workflows.api.ScoreBatchResult;
import dev.cptflow.workflows.api.ShardRequest;
import dev.cptflow.workflows.api.ShardResult;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public class ScoreBatchWorkflowImpl implements ScoreBatchWorkflow {
  private final ProgressBoard board = new ProgressBoard(true);

  @Override
  public ScoreBatchResult run(ScoreBatchRequest request) {
    String nodeId = request.node().node().id();
    StageStubs stubs = new StageStubs(request.tuning());
    SlidingWindow window = new SlidingWindow(request.tuning().shardsInFlightPerBatch());
    board.plan(nodeId, request.toShard() - request.fromShard(), "shards");
    board.running(nodeId);

    List<Promise<ShardResult>> shards = new ArrayList<>();
    for (int shard = request.fromShard(); shard < request.toShard(); shard++) {
      ShardRequest shardRequest = new ShardRequest(request.node(), shard, request.shardCount());
      Optional<Promise<ShardResult>> started = window.start(
          () -> Async.function(stubs.scoreShard(request.node().node(), shardRequest.summary())::scoreShard, shardRequest));
      if (started.isEmpty()) {
        break; // a shard failed; its promise below rethrows
      }
      shards.add(started.get().thenApply(scored -> {
        board.advance(nodeId, 1, scored.docs());
        return scored;
      }));
    }

    boolean searchAttributes = SweepSearchAttributes.enabled();
    ScoreBatchResult result;
    try {
      result = sum(shards);
    } catch (RuntimeException shardFailed) {
      if (searchAttributes) {
        SweepSearchAttributes.setStage(SweepSearchAttributes.FAILED);
      }
      throw shardFailed;
    }
    if (searchAttributes) {
      SweepSearchAttributes.setStage(SweepSearchAttributes.DONE);
    }
    board.done(nodeId, result.docs());
    return result;
  }

  private static ScoreBatchResult sum(List<Promise<ShardResult>> shards) {
    long docs = 0;
    long tokens = 0;
    int resumed = 0;
    int reused = 0;
    for (Promise<ShardResult> shard : shards) {
      ShardResult scored = shard.get();
      docs += scored.docs();
      tokens += scored.tokens();
      resumed += scored.resumedFromOffset() > 0 ? 1 : 0;
      reused += scored.reused() ? 1 : 0;
    }
    return new ScoreBatchResult(shards.size(), docs, tokens, resumed, reused);
  }

  @Override
  public ProgressReport progress() {
    return board.report();
  }
}
