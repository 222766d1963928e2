package dev.cptflow.activities.eval.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The metrics a task can list. Each is an aggregate over distinct items with weights (how often each occurs), so the
 * bootstrap only draws new weights. Means (acc, acc_norm, missing, exact_match) get lm-evaluation-harness's analytic
 * standard error of the mean; the others a bootstrap one.
 */
public enum MetricKind {
  /** Mean of per-item accuracy: the predicted choice is the gold one. */
  ACC("acc", EnumSet.of(Answering.LOGLIK, Answering.GENERATED_CHOICE), ScoredItem::acc),
  /** lm-eval's acc_norm: as acc, with each choice's log-likelihood divided by its length in characters. */
  ACC_NORM("acc_norm", EnumSet.of(Answering.LOGLIK), ScoredItem::accNorm),
  /** FLARE's "missing": the share of generated answers that named no choice (each counted wrong). */
  MISSING("missing", EnumSet.of(Answering.GENERATED_CHOICE), ScoredItem::missing),
  /** F1 averaged over gold labels weighted by their counts (FLARE's "F1"). */
  F1("f1", EnumSet.of(Answering.LOGLIK, Answering.GENERATED_CHOICE), ClassificationMetrics::weightedF1),
  MACRO_F1("macro_f1", EnumSet.of(Answering.LOGLIK, Answering.GENERATED_CHOICE), ClassificationMetrics::macroF1),
  MCC("mcc", EnumSet.of(Answering.LOGLIK, Answering.GENERATED_CHOICE), ClassificationMetrics::mcc),
  /** FLARE's NER metric: the generated entities located in the sentence, as BIO tags, seqeval micro F1. */
  ENTITY_F1("entity_f1", EnumSet.of(Answering.GENERATED_TEXT),
      (cells, weights) -> EntityF1.of(cells, weights, ScoredItem::entities)),
  /** Exact (entity text, TYPE) pairs of the generation against the reference, micro F1 (this project's earlier metric). */
  ENTITY_PAIR_F1("entity_pair_f1", EnumSet.of(Answering.GENERATED_TEXT),
      (cells, weights) -> EntityF1.of(cells, weights, ScoredItem::entityPairs)),
  EXACT_MATCH("exact_match", EnumSet.of(Answering.GENERATED_TEXT), ScoredItem::exactMatch);

  /** How a task's items are answered, which decides the metrics that apply. */
  public enum Answering {
    /** The choices ranked by log-likelihood. */
    LOGLIK,
    /** Greedy generation, matched to a choice. */
    GENERATED_CHOICE,
    /** Greedy generation scored as text. */
    GENERATED_TEXT
  }

  /** A metric over distinct items with their weights. */
  interface WeightedAggregate {
    double of(List<ScoredItem> cells, long[] weights);
  }

  private final String key;
  private final Set<Answering> answering;
  private final ToDoubleFunction<ScoredItem> perItem;
  private final WeightedAggregate aggregate;

  MetricKind(String key, Set<Answering> answering, ToDoubleFunction<ScoredItem> perItem) {
    this(key, answering, perItem, (cells, weights) -> weightedMean(cells, weights, perItem));
  }

  MetricKind(String key, Set<Answering> answering, WeightedAggregate aggregate) {
    this(key, answering, null, aggregate);
  }

  MetricKind(String key, Set<Answering> answering, ToDoubleFunction<ScoredItem> perItem, WeightedAggregate aggregate) {
    this.key = key;
    this.answering = answering;
    this.perItem = perItem;
    this.aggregate = aggregate;
  }

  public String key() {
    return key;
  }

  /** Whether the metric means anything for items answered this way. */
  public boolean appliesTo(Answering way) {
    return answering.contains(way);
  }

  /** A mean of a per-item value: its stderr is the analytic one. */
  public boolean isMean() {
    return perItem != null;
  }

  double perItem(ScoredItem item) {
    return perItem.applyAsDouble(item);
  }

  double aggregate(List<ScoredItem> cells, long[] weights) {
    return aggregate.of(cells, weights);
  }

  /** The metric over {@code items}, each counted once. */
  public double aggregate(List<ScoredItem> items) {
    Map<ScoredItem, long[]> counts = new LinkedHashMap<>();
    items.forEach(item -> counts.computeIfAbsent(item, cell -> new long[1])[0]++);
    List<ScoredItem> cells = new ArrayList<>(counts.keySet());
    return items.isEmpty() ? Double.NaN
        : aggregate(cells, counts.values().stream().mapToLong(count -> count[0]).toArray());
  }

  public static MetricKind fromKey(String key) {
    for (MetricKind kind : values()) {
      if (kind.key.equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("'" + key + "' is not a known metric ("
        + String.join(", ", Arrays.stream(values()).map(MetricKind::key).toList()) + ")");
  }

  private static double weightedMean(List<ScoredItem> cells, long[] weights, ToDoubleFunction<ScoredItem> value) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < cells.size(); i++) {
      sum += weights[i] * value.applyAsDouble(cells.get(i));
      count += weights[i];
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
