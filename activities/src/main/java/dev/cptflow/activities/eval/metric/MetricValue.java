package dev.cptflow.activities.eval.metric;

/** A metric over a task's items and its bootstrap standard error. */
public record MetricValue(String metric, double value, double stderr) {}
