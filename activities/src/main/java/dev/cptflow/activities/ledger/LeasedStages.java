package dev.cptflow.activities.ledger;

import dev.cptflow.activities.stage.ScoreActivitiesImpl;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
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
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import java.util.function.Supplier;

/**
 * The stages as the workers register them: each node (and each score shard and corpus fit) under a {@link StoreLease},
 * so sweeps sharing a store compute what they share once. A node someone else is computing is waited for and comes
 * back as that run's result, marked cached.
 */
public final class LeasedStages {
  private final StoreRegistry stores;
  private final StoreLease lease;

  public LeasedStages(StoreRegistry stores, StoreLease lease) {
    this.stores = stores;
    this.lease = lease;
  }

  public IngestActivities ingest(IngestActivities stage) {
    return new IngestActivities() {
      @Override
      public StageResult ingest(NodeRequest request) {
        return node(request, () -> stage.ingest(request));
      }
    };
  }

  public SelectActivities select(SelectActivities stage) {
    return new SelectActivities() {
      @Override
      public StageResult select(NodeRequest request) {
        return node(request, () -> stage.select(request));
      }
    };
  }

  public PackActivities pack(PackActivities stage) {
    return new PackActivities() {
      @Override
      public StageResult pack(NodeRequest request) {
        return node(request, () -> stage.pack(request));
      }
    };
  }

  public TrainActivities train(TrainActivities stage) {
    return new TrainActivities() {
      @Override
      public StageResult train(NodeRequest request) {
        return node(request, () -> stage.train(request));
      }
    };
  }

  public EvalActivities eval(EvalActivities stage) {
    return new EvalActivities() {
      @Override
      public StageResult evaluate(NodeRequest request) {
        return node(request, () -> stage.evaluate(request));
      }
    };
  }

  public ReportActivities report(ReportActivities stage) {
    return new ReportActivities() {
      @Override
      public StageResult report(NodeRequest request) {
        return node(request, () -> stage.report(request));
      }
    };
  }

  /**
   * A score node is a fit, many shards and a summary, each its own activity: the fit and each shard are claimed; the
   * summary, cheap and the same whoever writes it, is not. Once a unit is done, the stage's own call finds its output
   * and returns at once.
   */
  public ScoreActivities score(ScoreActivities stage) {
    return new ScoreActivities() {
      @Override
      public void fitCorpus(NodeRequest request) {
        ArtifactStore store = stores.open(request.storeUri());
        lease.once(store, StoreLease.claims(request.outputPrefix(), "fit"), () -> ScoreActivitiesImpl.fitted(store, request),
            () -> {
              stage.fitCorpus(request);
              return null;
            }, false, () -> {
              stage.fitCorpus(request);
              return null;
            });
      }

      @Override
      public ShardResult scoreShard(ShardRequest request) {
        ArtifactStore store = stores.open(request.node().storeUri());
        String table = ScoreOutput.tableKey(request.node().outputPrefix(), request.shardIndex());
        return lease.once(store, StoreLease.claims(request.node().outputPrefix(), "shard-" + request.shardIndex()),
            () -> store.exists(table), () -> stage.scoreShard(request).asReused(), false, () -> stage.scoreShard(request));
      }

      @Override
      public StageResult summarizeScores(NodeRequest request) {
        return stage.summarizeScores(request);
      }
    };
  }

  /** A node is done when it is committed; the claim is kept until then, across the gap between its two activities. */
  private StageResult node(NodeRequest request, Supplier<StageResult> work) {
    ArtifactStore store = stores.open(request.storeUri());
    String prefix = request.outputPrefix();
    return lease.once(store, StoreLease.claims(prefix, "node"), () -> store.isComplete(prefix),
        () -> Json.read(store.readString(prefix + "/" + StoreLayout.RESULT_FILE), StageResult.class).asCached(), true, work);
  }
}
