package dev.cptflow.workflows.spec;

/** What ingest does with a record it cannot read. */
public enum BadRecordPolicy implements SpecEnum {
  SKIP,
  FAIL
}
