package dev.cptflow.activities.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * All documents' scores for one selection metric, and the scores of what each variant using it selected.
 *
 * @param metric the metric's name, e.g. {@code "sim"}, {@code "ppl"}, {@code "ent"}
 * @param all every scored document's score
 * @param selectedByVariant variant id → the scores of the documents it selected (display order is kept)
 */
public record MetricScores(String metric, double[] all, Map<String, double[]> selectedByVariant) {

  public MetricScores {
    Objects.requireNonNull(metric, "metric");
    all = all == null ? new double[0] : all;
    selectedByVariant =
        selectedByVariant == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(selectedByVariant));
  }
}
