package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sweep report.
 *
 * @param variants the variants, in spec order (the base model's row comes first)
 * @param evalSuites the eval nodes every model has besides {@code heldout}, in order
 * @param taskOrder the order of the task columns
 * @param variantMetrics each variant's selection metrics (empty for DACP and TACP): the histograms it is drawn in
 * @param metricColumns each scored metric's column in its score tables
 */
public record ReportParams(List<String> variants, List<String> evalSuites, List<String> taskOrder,
    SortedMap<String, List<String>> variantMetrics, SortedMap<String, String> metricColumns) implements StageParams {
  public ReportParams {
    variants = List.copyOf(variants);
    evalSuites = List.copyOf(evalSuites);
    taskOrder = List.copyOf(taskOrder);
    variantMetrics = Collections.unmodifiableSortedMap(new TreeMap<>(variantMetrics));
    metricColumns = Collections.unmodifiableSortedMap(new TreeMap<>(metricColumns));
  }
}
