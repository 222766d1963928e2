package dev.cptflow.activities.eval.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Computes a task's metrics and their bootstrap standard errors: {@code iterations} resamples of the items with
 * replacement, the metric recomputed on each, and the sample standard deviation of those values (lm-evaluation-
 * harness's {@code bootstrap_stderr}). Seeded, so the same items and seed give the same stderr.
 */
public final class MetricCalculator {
  private final int iterations;
  private final long seed;

  public MetricCalculator(int iterations, long seed) {
    this.iterations = iterations;
    this.seed = seed;
  }

  /** @param groupBy when true, the metric is computed per {@link ScoredItem#group()} and averaged */
  public MetricValue compute(MetricKind kind, boolean groupBy, List<ScoredItem> items) {
    ToDoubleFunction<List<ScoredItem>> metric = groupBy ? sample -> groupMean(kind, sample) : kind::aggregate;
    return new MetricValue(kind.key(), metric.applyAsDouble(items), stderr(metric, items));
  }

  private double stderr(ToDoubleFunction<List<ScoredItem>> metric, List<ScoredItem> items) {
    if (items.size() < 2 || iterations < 2) {
      return Double.NaN;
    }
    // The same resamples for every metric of a run: their stderrs describe the same uncertainty.
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[iterations];
    List<ScoredItem> sample = new ArrayList<>(items.size());
    for (int i = 0; i < iterations; i++) {
      sample.clear();
      for (int j = 0; j < items.size(); j++) {
        sample.add(items.get(random.nextInt(items.size())));
      }
      values[i] = metric.applyAsDouble(sample);
    }
    return sampleStdev(values);
  }

  private static double groupMean(MetricKind kind, List<ScoredItem> items) {
    Map<String, List<ScoredItem>> groups = new TreeMap<>();
    for (ScoredItem item : items) {
      groups.computeIfAbsent(String.valueOf(item.group()), group -> new ArrayList<>()).add(item);
    }
    return groups.values().stream().mapToDouble(kind::aggregate).average().orElse(Double.NaN);
  }

  /** Python's {@code statistics.stdev}: the n − 1 estimator. */
  static double sampleStdev(double[] values) {
    double mean = 0;
    for (double value : values) {
      mean += value;
    }
    mean /= values.length;
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }
}
