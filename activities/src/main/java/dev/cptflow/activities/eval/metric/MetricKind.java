package dev.cptflow.activities.eval.metric;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The metrics a task can list, each an aggregate over the task's scored items. */
public enum MetricKind {
  /** Mean of per-item accuracy: the highest log-likelihood choice is the gold one. */
  ACC("acc", true, items -> mean(items, ScoredItem::acc)),
  /** lm-eval's acc_norm: as acc, with each choice's log-likelihood divided by its length in characters. */
  ACC_NORM("acc_norm", true, items -> mean(items, ScoredItem::accNorm)),
  /** F1 averaged over labels weighted by their gold counts (FLARE's "F1"). */
  F1("f1", true, ClassificationMetrics::weightedF1),
  MACRO_F1("macro_f1", true, ClassificationMetrics::macroF1),
  MCC("mcc", true, ClassificationMetrics::mcc),
  /** Entity-level F1 of generated {@code entity, TYPE} lines. */
  ENTITY_F1("entity_f1", false, EntityF1::of),
  EXACT_MATCH("exact_match", false, items -> mean(items, ScoredItem::exactMatch));

  private final String key;
  private final boolean multipleChoice;
  private final java.util.function.Function<List<ScoredItem>, Double> aggregate;

  MetricKind(String key, boolean multipleChoice, java.util.function.Function<List<ScoredItem>, Double> aggregate) {
    this.key = key;
    this.multipleChoice = multipleChoice;
    this.aggregate = aggregate;
  }

  public String key() {
    return key;
  }

  /** True for metrics of multiple-choice tasks, false for those of generation tasks. */
  public boolean multipleChoice() {
    return multipleChoice;
  }

  public double aggregate(List<ScoredItem> items) {
    return aggregate.apply(items);
  }

  public static MetricKind fromKey(String key) {
    for (MetricKind kind : values()) {
      if (kind.key.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("'" + key + "' is not a known metric ("
        + String.join(", ", java.util.Arrays.stream(values()).map(MetricKind::key).toList()) + ")");
  }

  private static double mean(List<ScoredItem> items, ToDoubleFunction<ScoredItem> value) {
    return items.isEmpty() ? Double.NaN : items.stream().mapToDouble(value).sum() / items.size();
  }
}
