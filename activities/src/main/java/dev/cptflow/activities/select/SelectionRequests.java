package dev.cptflow.activities.select;

import dev.cptflow.workflows.api.stage.Direction;
import dev.cptflow.workflows.api.stage.RankedMetric;
import dev.cptflow.workflows.api.stage.Sampling;
import dev.cptflow.workflows.api.stage.SelectParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link Selector}'s request for a select node's params, as the select stage and {@code cpt select} both make it. */
public final class SelectionRequests {
  private SelectionRequests() {}

  /** A ranked selection's request; the score tables' columns name the metrics. */
  public static Selector.SelectionRequest of(SelectParams params) {
    if (params.everything()) {
      throw new IllegalArgumentException("a selection of everything has no ranking");
    }
    List<RankedMetric> metrics = params.metrics();
    Map<String, Double> weights = new LinkedHashMap<>();
    metrics.forEach(metric -> weights.put(metric.column(), metric.weight()));
    return new Selector.SelectionRequest(
        metrics.stream().map(RankedMetric::column).toList(),
        metrics.size() > 1 ? weights : Map.of(),
        params.sampling() == Sampling.SOFT,
        params.budget(),
        params.budgetDocs(),
        params.minTokens(),
        params.seed(),
        metrics.stream().filter(metric -> metric.direction() == Direction.LOWER).map(RankedMetric::column).toList(),
        metrics.stream().filter(RankedMetric::valuesAreLogWeights).map(RankedMetric::column).toList());
  }
}
