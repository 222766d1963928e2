package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** Queue {@code cpt-cpu}. Reads the sources of an ingest node and writes its shards and summary. */
@ActivityInterface
public interface IngestActivities {
  /** Counters: {@code shards}, {@code docs}, {@code tokens}; artifacts: {@code summary}. */
  StageResult ingest(NodeRequest request);
}
