package dev.cptflow.workflows.api.metric;

import java.util.List;
import java.util.Optional;

/** The metrics a build knows: the spec loader, the planner, the stages and the commands all read the same one. */
public interface MetricCatalog {
  /** In registration order, which is the order of score nodes and report sections. */
  List<? extends MetricDefinition> metrics();

  default List<String> keys() {
    return metrics().stream().map(MetricDefinition::key).toList();
  }

  default Optional<MetricDefinition> find(String key) {
    return metrics().stream().filter(metric -> metric.key().equals(key)).map(MetricDefinition.class::cast).findFirst();
  }

  /** The metric named {@code key}; throws {@link IllegalArgumentException} listing the known ones. */
  default MetricDefinition get(String key) {
    return find(key).orElseThrow(() -> new IllegalArgumentException(
        "unknown metric '" + key + "'; known metrics are " + String.join(", ", keys())));
  }

  /** The metric whose single-metric variant is named {@code variant}. */
  default Optional<MetricDefinition> forVariant(String variant) {
    return metrics().stream().filter(metric -> metric.variant().equals(variant)).map(MetricDefinition.class::cast)
        .findFirst();
  }
}
