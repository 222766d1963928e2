package dev.cptflow.activities.report;

/**
 * Fixed-width bins over {@code [lo, hi]}, counted here rather than by the plotting library so that the selected
 * documents' counts fall in exactly the same bins as the whole corpus's.
 *
 * @param edges {@code bins + 1} bin edges, ascending
 * @param counts values per bin
 */
record Histogram(double[] edges, long[] counts) {

  /** Bins over the finite range of {@code values}; see {@link #of(double[], double, double, int)}. */
  static Histogram of(double[] values, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) { // no finite value at all
      lo = 0;
      hi = 1;
    }
    return of(values, lo, hi, bins);
  }

  /**
   * Counts {@code values} into {@code bins} equal bins over {@code [lo, hi]}. Each bin is half-open {@code [a, b)}
   * except the last, which also takes {@code hi}, so the maximum lands in the last bin. Values outside the range are
   * clamped into the first or last bin (a variant's selection is a subset of the corpus, so none are expected);
   * non-finite values are not counted. An empty range ({@code lo == hi}, e.g. constant scores) is widened to
   * {@code [lo − 0.5, lo + 0.5]} so that no bin has zero width.
   */
  static Histogram of(double[] values, double lo, double hi, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be positive: " + bins);
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
      throw new IllegalArgumentException("bad histogram range [" + lo + ", " + hi + "]");
    }
    if (hi == lo) {
      lo -= 0.5;
      hi += 0.5;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    edges[bins] = hi; // exact, whatever the rounding above
    long[] counts = new long[bins];
    double scale = bins / (hi - lo);
    for (double v : values) {
      if (Double.isFinite(v)) {
        counts[bin(v, lo, scale, bins)]++;
      }
    }
    return new Histogram(edges, counts);
  }

  private static int bin(double v, double lo, double scale, int bins) {
    double position = (v - lo) * scale;
    if (position <= 0) {
      return 0;
    }
    return (int) Math.min(bins - 1, Math.floor(position));
  }

  int bins() {
    return counts.length;
  }

  long total() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
