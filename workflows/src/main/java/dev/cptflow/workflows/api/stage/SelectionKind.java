package dev.cptflow.workflows.api.stage;

/** How a variant chooses its training documents. */
public enum SelectionKind implements SpecEnum {
  /** Every document of a text set (DACP: the corpus, TACP: the task text). */
  ALL,
  /** Ranked by one metric. */
  ONE_METRIC,
  /** Ranked by a combination of metrics (ETS-DACP-com). */
  COMBINED
}
