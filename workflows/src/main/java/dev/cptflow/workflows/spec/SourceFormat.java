package dev.cptflow.workflows.spec;

/** How a corpus or task source is read; {@code auto} decides from the file name. */
public enum SourceFormat implements SpecEnum {
  AUTO,
  JSONL,
  PARQUET,
  TEXT_LINES,
  TEXT_FILES
}
