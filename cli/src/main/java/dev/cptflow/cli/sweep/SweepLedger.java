package dev.cptflow.cli.sweep;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.cli.UserError;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.flow.WorkflowIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the sweeps recorded in a store: their index entries and, once they ended, their outcomes. */
public final class SweepLedger {
  private final ArtifactStore store;

  public SweepLedger(ArtifactStore store) {
    this.store = store;
  }

  public List<SweepRecord> sweeps() {
    List<SweepRecord> records = new ArrayList<>();
    for (String key : store.list(StoreLayout.SWEEPS + "/")) {
      if (key.endsWith("/" + StoreLayout.SWEEP_FILE)) {
        records.add(Json.read(store.readString(key), SweepRecord.class));
      }
    }
    records.sort((a, b) -> b.submittedAt().compareTo(a.submittedAt()));
    return records;
  }

  public SweepRecord sweep(String sweepOrWorkflowId) {
    String sweepId = WorkflowIds.sweepIdOf(sweepOrWorkflowId);
    return store.readStringIfExists(StoreLayout.sweepFile(sweepId, StoreLayout.SWEEP_FILE))
        .map(json -> Json.read(json, SweepRecord.class))
        .orElseThrow(() -> new UserError("no sweep '" + sweepId + "' in store " + store.uri() + " (see 'cpt list')"));
  }

  public Optional<SweepResult> outcome(String sweepId) {
    return store.readStringIfExists(StoreLayout.sweepFile(sweepId, StoreLayout.OUTCOME_FILE))
        .map(json -> Json.read(json, SweepResult.class));
  }
}
