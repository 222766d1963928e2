package dev.cptflow.activities.eval.metric;

/**
 * One item's entity matches: how many predicted entities are correct, how many were predicted, how many the
 * reference has. Micro F1 over a task sums these, so an item's counts are all the metric needs of it.
 */
public record EntityCounts(int correct, int predicted, int gold) {
  public static final EntityCounts NONE = new EntityCounts(0, 0, 0);
}
