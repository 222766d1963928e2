package dev.cptflow.workflows.spec;

import java.math.BigDecimal;

/** The allowed interval of a numeric field, able to say itself the way the error messages do. */
record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

  static Range any() {
    return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
  }

  static Range atLeast(double min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, false);
  }

  static Range above(double min) {
    return new Range(min, false, Double.POSITIVE_INFINITY, false);
  }

  static Range closed(double min, double max) {
    return new Range(min, true, max, true);
  }

  static Range openClosed(double min, double max) {
    return new Range(min, false, max, true);
  }

  static Range closedOpen(double min, double max) {
    return new Range(min, true, max, false);
  }

  boolean contains(double value) {
    boolean aboveMin = minInclusive ? value >= min : value > min;
    boolean belowMax = maxInclusive ? value <= max : value < max;
    return aboveMin && belowMax;
  }

  /** {@code "in (0, 1]"}, {@code ">= 1"} or {@code "> 0"}. */
  String describe() {
    if (Double.isInfinite(max)) {
      return (minInclusive ? ">= " : "> ") + format(min);
    }
    return "in " + (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
  }

  private static String format(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}
