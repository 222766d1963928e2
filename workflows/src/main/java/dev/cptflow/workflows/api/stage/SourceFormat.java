package dev.cptflow.workflows.api.stage;

/** How a corpus or task source is read; {@code auto} decides per file, from its extension. */
public enum SourceFormat implements SpecEnum {
  AUTO,
  JSONL,
  PARQUET,
  TEXT_LINES,
  TEXT_FILES
}
