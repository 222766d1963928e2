package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** {@link Stage#INGEST}: reads an ingest node's sources and writes its shards, held-out split and summary. */
@ActivityInterface
public interface IngestActivities {
  /** Output: {@link dev.cptflow.workflows.api.stage.IngestOutput}. */
  StageResult ingest(NodeRequest request);
}
