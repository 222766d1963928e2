package dev.cptflow.workflows.api.stage;

/** Hard takes the top documents by score; soft samples them with weights set by it (docs/architecture.md, "Selection"). */
public enum Sampling implements SpecEnum {
  HARD,
  SOFT
}
