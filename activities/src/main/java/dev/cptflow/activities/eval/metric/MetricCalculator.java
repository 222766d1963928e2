package dev.cptflow.activities.eval.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Computes a task's metrics with lm-evaluation-harness's standard errors: for a mean (acc, acc_norm, missing,
 * exact_match) the sample standard deviation (n − 1) over √n; for the others ({@code bootstrap_stderr})
 * {@code iterations} resamples of the items with replacement, the metric recomputed on each, and the sample standard
 * deviation of those values.
 *
 * <p>A resample is drawn as counts: every item maps to its distinct cell (items that score alike are one cell), a
 * draw adds one to its cell's count, and the metric reads the counts. Resamples run in fixed batches, each with its
 * own seed derived from the run's, so the values do not depend on how many threads share the batches; with 100,000
 * resamples of FPB's 970 items this takes well under a second.
 */
public final class MetricCalculator {
  /** lm-evaluation-harness's {@code bootstrap_iters}. */
  public static final int DEFAULT_ITERATIONS = 100_000;
  static final int BATCH = 1000;

  private final int iterations;
  private final long seed;

  public MetricCalculator(int iterations, long seed) {
    this.iterations = iterations;
    this.seed = seed;
  }

  /** @param groupBy when true, the metric is computed per {@link ScoredItem#group()} and averaged */
  public MetricValue compute(MetricKind kind, boolean groupBy, List<ScoredItem> items) {
    Map<ScoredItem, Integer> index = new LinkedHashMap<>();
    int[] cellOf = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      cellOf[i] = index.computeIfAbsent(items.get(i), cell -> index.size());
    }
    List<ScoredItem> cells = new ArrayList<>(index.keySet());
    long[] weights = new long[cells.size()];
    for (int cell : cellOf) {
      weights[cell]++;
    }
    Metric metric = groupBy ? grouped(kind, cells) : w -> kind.aggregate(cells, w);
    double value = items.isEmpty() ? Double.NaN : metric.of(weights);
    double stderr = kind.isMean() && !groupBy ? meanStderr(kind, items) : bootstrap(metric, cellOf, cells.size());
    return new MetricValue(kind.key(), value, stderr);
  }

  /** A metric of the cells' weights. */
  private interface Metric {
    double of(long[] weights);
  }

  /** Per group, then the mean over the groups that have items (FLARE's Headlines: F1 per label type, averaged). */
  private static Metric grouped(MetricKind kind, List<ScoredItem> cells) {
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < cells.size(); i++) {
      groups.computeIfAbsent(String.valueOf(cells.get(i).group()), group -> new ArrayList<>()).add(i);
    }
    List<List<ScoredItem>> groupCells = new ArrayList<>();
    List<int[]> groupIndices = new ArrayList<>();
    for (List<Integer> members : groups.values()) {
      groupCells.add(members.stream().map(cells::get).toList());
      groupIndices.add(members.stream().mapToInt(Integer::intValue).toArray());
    }
    return weights -> {
      double sum = 0;
      int present = 0;
      for (int g = 0; g < groupCells.size(); g++) {
        int[] members = groupIndices.get(g);
        long[] groupWeights = new long[members.length];
        long total = 0;
        for (int i = 0; i < members.length; i++) {
          groupWeights[i] = weights[members[i]];
          total += groupWeights[i];
        }
        if (total > 0) {
          sum += kind.aggregate(groupCells.get(g), groupWeights);
          present++;
        }
      }
      return present == 0 ? Double.NaN : sum / present;
    };
  }

  /** lm-eval's {@code mean_stderr}: {@code sample_stddev(arr) / sqrt(len(arr))}. */
  private static double meanStderr(MetricKind kind, List<ScoredItem> items) {
    if (items.size() < 2) {
      return Double.NaN;
    }
    double[] values = items.stream().mapToDouble(kind::perItem).toArray();
    return sampleStdev(values) / Math.sqrt(values.length);
  }

  private double bootstrap(Metric metric, int[] cellOf, int cells) {
    int n = cellOf.length;
    if (n < 2 || iterations < 2) {
      return Double.NaN;
    }
    double[] values = new double[iterations];
    int batches = (iterations + BATCH - 1) / BATCH;
    IntStream.range(0, batches).parallel().forEach(batch -> {
      // The same seed for every metric of a task: their stderrs describe the same resamples.
      SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (batch + 1)));
      long[] weights = new long[cells];
      int end = Math.min(iterations, (batch + 1) * BATCH);
      for (int iteration = batch * BATCH; iteration < end; iteration++) {
        Arrays.fill(weights, 0);
        for (int draw = 0; draw < n; draw++) {
          weights[cellOf[random.nextInt(n)]]++;
        }
        values[iteration] = metric.of(weights);
      }
    });
    return sampleStdev(values);
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
