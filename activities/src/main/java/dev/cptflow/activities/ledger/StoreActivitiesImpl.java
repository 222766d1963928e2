package dev.cptflow.activities.ledger;

import dev.cptflow.activities.report.SweepCopyNotes;
import dev.cptflow.activities.stage.Heartbeats;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.CacheCommit;
import dev.cptflow.workflows.api.CacheProbe;
import dev.cptflow.workflows.api.CacheProbeResult;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.StoreActivities;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.stage.ReportOutput;
import io.temporal.activity.Activity;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node is finished when {@code cas/<stage>/<key>/_SUCCESS} exists; its {@code result.json} and its
 * {@link CacheManifest} are written just before the marker, so every hit can hand back the result of the run that
 * made it and be checked against the artifacts it recorded. A sweep's outcome goes to {@code sweeps/<id>/outcome.json}.
 */
public class StoreActivitiesImpl implements StoreActivities {
  private final StoreRegistry stores;

  public StoreActivitiesImpl(StoreRegistry stores) {
    this.stores = stores;
  }

  @Override
  public Map<String, StageResult> probeCache(CacheProbe probe) {
    return probeVerified(probe).hits();
  }

  @Override
  public CacheProbeResult probeVerified(CacheProbe probe) {
    ArtifactStore store = stores.open(probe.storeUri());
    SortedMap<String, StageResult> hits = new TreeMap<>();
    SortedMap<String, String> rejected = new TreeMap<>();
    try (Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      for (PlanNode node : probe.nodes()) {
        String prefix = StoreLayout.prefix(node);
        if (!store.isComplete(prefix)) {
          continue;
        }
        Optional<String> mismatch = mismatch(store, prefix, probe.verifyAll());
        if (mismatch.isPresent()) {
          rejected.put(node.id(), mismatch.get());
          // Never used, and gone before the node runs again: a stage that finds part of its output in place (a
          // score table, a checkpoint) would otherwise take it.
          store.deletePrefix(prefix);
          continue;
        }
        hits.put(node.id(), Json.read(store.readString(prefix + "/" + StoreLayout.RESULT_FILE), StageResult.class));
      }
    }
    return new CacheProbeResult(hits, rejected);
  }

  /** What is wrong with a finished node's entry, if anything; entries from before manifests are taken as they are. */
  private static Optional<String> mismatch(ArtifactStore store, String prefix, boolean hashAll) {
    Optional<CacheManifest> manifest;
    try {
      manifest = CacheManifest.read(store, prefix);
    } catch (UncheckedIOException unreadable) {
      return Optional.of(store.resolveUri(prefix + "/" + CacheManifest.FILE) + " is not a readable cache manifest");
    }
    Optional<String> mismatch = manifest.flatMap(recorded -> recorded.mismatch(store, prefix, hashAll));
    if (mismatch.isEmpty()) {
      try {
        Json.read(store.readString(prefix + "/" + StoreLayout.RESULT_FILE), StageResult.class);
      } catch (UncheckedIOException unreadable) {
        return Optional.of(store.resolveUri(prefix + "/" + StoreLayout.RESULT_FILE) + " is not a readable result");
      }
    }
    return mismatch;
  }

  @Override
  public void commitNode(CacheCommit commit) {
    ArtifactStore store = stores.open(commit.storeUri());
    StageResult result = commit.result();
    String prefix = result.outputPrefix();
    if (store.isComplete(prefix)) {
      return; // another run on this store committed it first, from the same inputs; its entry stands
    }
    try (Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      store.putString(prefix + "/" + StoreLayout.RESULT_FILE, Json.write(result));
      store.putString(prefix + "/" + CacheManifest.FILE, CacheManifest.of(store, prefix).json());
      store.markSuccess(prefix);
    }
    try {
      store.deletePrefix(prefix + "/" + StoreLease.DIR);
    } catch (RuntimeException claimBeingRenewed) {
      // Its holder removes it once it sees the marker.
    }
  }

  @Override
  public void recordOutcome(String storeUri, SweepResult outcome) {
    ArtifactStore store = stores.open(storeUri);
    // The report node's files are shared by every sweep with the same graph; each sweep gets its own copy, which
    // also says which cache entries this sweep found broken and computed again.
    StageResult report = outcome.results().get(NodeIds.REPORT);
    if (report != null) {
      report.output(ReportOutput.class).files().forEach((name, key) ->
          store.putBytes(StoreLayout.sweepFile(outcome.sweepId(), name),
              SweepCopyNotes.withRecomputed(name, store.readBytes(key), outcome.rejectedCacheEntries())));
    }
    store.putString(StoreLayout.sweepFile(outcome.sweepId(), StoreLayout.OUTCOME_FILE), Json.write(outcome));
  }
}
