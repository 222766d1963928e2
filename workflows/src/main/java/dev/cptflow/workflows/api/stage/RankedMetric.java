package dev.cptflow.workflows.api.stage;

/**
 * One metric a selection ranks by: its key, the score tables' column, its weight in a combination, its direction, and
 * whether its values are log sampling weights (DSIR's), which soft sampling on it alone draws with directly.
 *
 * @param logWeight true, or null (never false, so the params of metrics without it keep their canonical JSON and
 *     cache keys)
 */
public record RankedMetric(String metric, String column, double weight, Direction direction, Boolean logWeight) {
  public RankedMetric {
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("the weight of " + metric + " must be > 0, got " + weight);
    }
    logWeight = Boolean.TRUE.equals(logWeight) ? Boolean.TRUE : null;
  }

  public RankedMetric(String metric, String column, double weight, Direction direction) {
    this(metric, column, weight, direction, null);
  }

  /** Whether the values are log sampling weights. */
  public boolean valuesAreLogWeights() {
    return logWeight != null;
  }
}
