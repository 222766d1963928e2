package dev.cptflow.workflows.spec;

/**
 * What a variant trains on. The paper's single-metric variants ({@code ets-dacp}, {@code eta-dacp-ppl}, ...) are
 * named by their metric's class in the metric registry; only the variants that are not one metric are named here.
 */
public enum VariantKind {
  /** DACP: the whole domain corpus. */
  WHOLE_CORPUS("dacp"),
  /** TACP: the tasks' unlabeled text only. */
  TASK_TEXT("tacp"),
  /** A budget of the corpus ranked by one metric. */
  ONE_METRIC(null),
  /** ETS-DACP-com: a budget ranked by a combination of metrics. */
  COMBINED("ets-dacp-com");

  private final String fixedName;

  VariantKind(String fixedName) {
    this.fixedName = fixedName;
  }

  /** The name specs give it, or null for {@link #ONE_METRIC}, whose names come from the metrics. */
  public String fixedName() {
    return fixedName;
  }

  /** True for the kinds that score documents and select a budget of them. */
  public boolean selectsByScore() {
    return this == ONE_METRIC || this == COMBINED;
  }
}
