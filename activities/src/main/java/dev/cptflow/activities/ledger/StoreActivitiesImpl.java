package dev.cptflow.activities.ledger;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.CacheCommit;
import dev.cptflow.workflows.api.CacheProbe;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.StoreActivities;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.stage.ReportOutput;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node is finished when {@code cas/<stage>/<key>/_SUCCESS} exists; its {@code result.json} is written
 * just before the marker, so every hit can hand back the result of the run that made it. A sweep's
 * outcome goes to {@code sweeps/<id>/outcome.json}.
 */
public class StoreActivitiesImpl implements StoreActivities {
  private final StoreRegistry stores;

  public StoreActivitiesImpl(StoreRegistry stores) {
    this.stores = stores;
  }

  @Override
  public Map<String, StageResult> probeCache(CacheProbe probe) {
    ArtifactStore store = stores.open(probe.storeUri());
    Map<String, StageResult> hits = new TreeMap<>();
    for (PlanNode node : probe.nodes()) {
      String prefix = StoreLayout.prefix(node);
      if (store.isComplete(prefix)) {
        hits.put(node.id(), Json.read(store.readString(prefix + "/" + StoreLayout.RESULT_FILE), StageResult.class));
      }
    }
    return hits;
  }

  @Override
  public void commitNode(CacheCommit commit) {
    ArtifactStore store = stores.open(commit.storeUri());
    StageResult result = commit.result();
    store.putString(result.outputPrefix() + "/" + StoreLayout.RESULT_FILE, Json.write(result));
    store.markSuccess(result.outputPrefix());
  }

  @Override
  public void recordOutcome(String storeUri, SweepResult outcome) {
    ArtifactStore store = stores.open(storeUri);
    // The report node's files are shared by every sweep with the same graph; each sweep gets its own copy.
    StageResult report = outcome.results().get(NodeIds.REPORT);
    if (report != null) {
      report.output(ReportOutput.class).files().forEach((name, key) ->
          store.putBytes(StoreLayout.sweepFile(outcome.sweepId(), name), store.readBytes(key)));
    }
    store.putString(StoreLayout.sweepFile(outcome.sweepId(), StoreLayout.OUTCOME_FILE), Json.write(outcome));
  }
}
