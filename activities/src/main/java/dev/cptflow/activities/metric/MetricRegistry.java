package dev.cptflow.activities.metric;

import dev.cptflow.workflows.api.metric.MetricCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The metrics of this build, in registration order. */
public final class MetricRegistry implements MetricCatalog {
  /** The variant names that are not one metric's; a metric may not take them. */
  private static final Set<String> RESERVED_VARIANTS = Set.of("dacp", "tacp", "ets-dacp-com");

  private final List<ScoringMetric<?>> metrics;

  private MetricRegistry(List<ScoringMetric<?>> metrics) {
    Set<String> keys = new HashSet<>();
    Set<String> variants = new HashSet<>(RESERVED_VARIANTS);
    for (ScoringMetric<?> metric : metrics) {
      if (!metric.key().matches("[a-z][a-z0-9_]{0,31}")) {
        throw new IllegalArgumentException("metric key '" + metric.key() + "' must match [a-z][a-z0-9_]{0,31}");
      }
      if (!metric.column().matches("[a-z][a-z0-9_]{0,31}") || metric.column().equals("id")
          || metric.column().equals("source_id") || metric.column().equals("tokens")
          || metric.column().equals("eligible")) {
        throw new IllegalArgumentException(metric.key() + ": column '" + metric.column() + "' is not a free column name");
      }
      if (!keys.add(metric.key()) || !variants.add(metric.variant())) {
        throw new IllegalArgumentException("metric '" + metric.key() + "' or its variant '" + metric.variant()
            + "' is registered twice");
      }
    }
    this.metrics = List.copyOf(metrics);
  }

  /** The metrics every worker and command knows: one line per metric. */
  public static MetricRegistry builtin() {
    return new MetricRegistry(List.of(
        new SimMetric(),
        new PplMetric(),
        new EntMetric(),
        new DsirMetric()));
  }

  /** This registry and {@code metric} after it (an extension, or a test's made-up metric). */
  public MetricRegistry with(ScoringMetric<?> metric) {
    List<ScoringMetric<?>> all = new ArrayList<>(metrics);
    all.add(metric);
    return new MetricRegistry(all);
  }

  @Override
  public List<ScoringMetric<?>> metrics() {
    return metrics;
  }

  /** The metric named {@code key}, with its scorer; throws {@link IllegalArgumentException} listing the known ones. */
  public ScoringMetric<?> scoring(String key) {
    return metrics.stream().filter(metric -> metric.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown metric '" + key + "'; known metrics are " + String.join(", ", keys())));
  }
}
