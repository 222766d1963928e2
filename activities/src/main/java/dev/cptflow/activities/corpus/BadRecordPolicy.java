package dev.cptflow.activities.corpus;

/** What a bad record does to an ingest: it is counted and skipped, or it stops the ingest. */
public enum BadRecordPolicy {
  SKIP,
  FAIL
}
