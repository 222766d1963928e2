package dev.cptflow.workflows.api.stage;

/** One metric a selection ranks by: its key, the score tables' column, its weight in a combination, and its direction. */
public record RankedMetric(String metric, String column, double weight, Direction direction) {
  public RankedMetric {
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("the weight of " + metric + " must be > 0, got " + weight);
    }
  }
}
