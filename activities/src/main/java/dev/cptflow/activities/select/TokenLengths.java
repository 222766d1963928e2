package dev.cptflow.activities.select;

import java.util.Arrays;

/**
 * The distribution of documents' token counts: percentiles by nearest rank ({@code p10} is the smallest count with at
 * least 10% of the documents at or below it). All zero for no documents.
 */
public record TokenLengths(long docs, long tokens, int min, int p10, int p50, int p90, int p99, int max, double mean) {
  /** Counting sort up to this length, so a 100M-row corpus costs one pass; longer ones are sorted. */
  private static final int COUNTED_UP_TO = 1 << 20;

  public static TokenLengths of(int[] lengths) {
    int n = lengths.length;
    if (n == 0) {
      return new TokenLengths(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    int max = 0;
    long tokens = 0;
    for (int length : lengths) {
      max = Math.max(max, length);
      tokens += length;
    }
    int[] ranks = {1, rank(n, 0.10), rank(n, 0.50), rank(n, 0.90), rank(n, 0.99), n};
    int[] values = new int[ranks.length];
    if (max < COUNTED_UP_TO) {
      long[] counts = new long[max + 1];
      for (int length : lengths) {
        counts[Math.max(length, 0)]++;
      }
      long seen = 0;
      int r = 0;
      for (int length = 0; length <= max && r < ranks.length; length++) {
        seen += counts[length];
        while (r < ranks.length && seen >= ranks[r]) {
          values[r++] = length;
        }
      }
    } else {
      int[] sorted = lengths.clone();
      Arrays.parallelSort(sorted);
      for (int r = 0; r < ranks.length; r++) {
        values[r] = sorted[ranks[r] - 1];
      }
    }
    return new TokenLengths(n, tokens, values[0], values[1], values[2], values[3], values[4], values[5],
        (double) tokens / n);
  }

  /** The 1-based nearest rank of quantile {@code q} among {@code n}. */
  private static int rank(int n, double q) {
    return (int) Math.max(1, Math.min(n, Math.ceil(q * n)));
  }
}
