package dev.cptflow.workflows.api.stage;

/** What a bad record does to an ingest: it is counted and skipped, or it stops the ingest. */
public enum BadRecordPolicy implements SpecEnum {
  SKIP,
  FAIL
}
