package dev.cptflow.workflows.spec;

import java.util.List;

/** The continual-pre-training variants of the FinPythia paper, and the metric each one selects by. */
public enum VariantKind implements SpecEnum {
  /** Trains on the whole domain corpus. */
  DACP(List.of()),
  /** Trains on the unlabeled task text only. */
  TACP(List.of()),
  ETS_DACP(List.of(Metric.SIM)),
  ETA_DACP_PPL(List.of(Metric.PPL)),
  ETA_DACP_ENT(List.of(Metric.ENT)),
  /** Combines the metrics the variant lists; its fixed metrics are the default list. */
  ETS_DACP_COM(List.of(Metric.SIM, Metric.PPL, Metric.ENT));

  private final List<Metric> metrics;

  VariantKind(List<Metric> metrics) {
    this.metrics = metrics;
  }

  /** The metrics this kind selects by; for {@link #ETS_DACP_COM} the default list. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** True for the kinds that score documents and select a budget of them. */
  public boolean selectsByScore() {
    return !metrics.isEmpty();
  }
}
