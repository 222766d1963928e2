package dev.cptflow.workflows.api.stage;

/** Which end of a metric's ranking a selection keeps. */
public enum Direction implements SpecEnum {
  /** The highest scores first: the most similar, the most novel, the most diverse. */
  HIGHER,
  LOWER;

  /** The value that ranks in this direction as a higher value ranks in {@link #HIGHER}. */
  public double orient(double score) {
    return this == HIGHER ? score : -score;
  }
}
