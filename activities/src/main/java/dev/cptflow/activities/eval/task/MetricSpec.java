package dev.cptflow.activities.eval.task;

/**
 * One entry of a task's {@code metric_list}.
 *
 * @param metric the metric's name in the results ({@code acc}, {@code f1}, ...)
 * @param groupBy a document field; when set, the metric is computed per value of that field and averaged
 *     (Headlines: weighted F1 per label type, then the mean), else null
 */
public record MetricSpec(String metric, String groupBy) {}
