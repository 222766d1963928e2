package dev.cptflow.activities.select;

import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Orders positions by a double score, fast enough for 100M rows: a parallel primitive sort on
 * {@code (float32 key, position)} longs, then an exact pass over each run of equal float32 keys. Rounding a
 * double to float32 never reverses two values, so the exact pass only has to order values inside a run, and
 * runs are short unless the scores really tie. Tie-break hashes are computed only for exactly equal scores.
 */
final class RankSort {
  private RankSort() {}

  /**
   * Positions by score descending ({@link Double#compare}); equal scores by {@code tieHash} ascending (signed),
   * then by {@code lastResort}.
   */
  static int[] descending(double[] scores, IntToLongFunction tieHash, IntSort.IntComparator lastResort) {
    long[] keys = sortedKeys(scores, true);
    int[] order = positions(keys);
    forEachRun(keys, (start, end) -> {
      sortRange(order, start, end, (a, b) -> Double.compare(scores[b], scores[a]));
      int tieStart = start;
      while (tieStart < end) {
        int tieEnd = tieStart + 1;
        while (tieEnd < end && Double.compare(scores[order[tieEnd]], scores[order[tieStart]]) == 0) {
          tieEnd++;
        }
        if (tieEnd - tieStart > 1) {
          breakTies(order, tieStart, tieEnd, tieHash, lastResort);
        }
        tieStart = tieEnd;
      }
    });
    return order;
  }

  /**
   * Each position's rank percentile in ascending order, {@code r / (n - 1)} for 0-based rank r (1 when n = 1);
   * values that are equal ({@code ==}) share the mean percentile of their ranks.
   */
  static double[] percentiles(double[] values) {
    int n = values.length;
    long[] keys = sortedKeys(values, false);
    int[] order = positions(keys);
    forEachRun(keys, (start, end) -> sortRange(order, start, end, (a, b) -> {
      int byValue = Double.compare(values[a], values[b]);
      return byValue != 0 ? byValue : Integer.compare(a, b);
    }));
    double[] percentiles = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      // Different float32 keys mean different values, so the exact (random-access) check runs only inside runs.
      while (end + 1 < n && (keys[end + 1] >>> 32) == (keys[start] >>> 32) && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double percentile = n == 1 ? 1.0 : ((start + end) / 2.0) / (n - 1);
      for (int p = start; p <= end; p++) {
        percentiles[order[p]] = percentile;
      }
      start = end + 1;
    }
    return percentiles;
  }

  private interface RunAction {
    void accept(int start, int end);
  }

  /** {@code (float32 key, position)} longs in order; the float key is negated for a descending order. */
  private static long[] sortedKeys(double[] values, boolean descending) {
    long[] keys = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      // -0.0 shares 0.0's key, so the two land in one run: the exact pass orders them, and == sees one tie.
      int key = sortable(values[i] == 0 ? 0f : (float) values[i]);
      keys[i] = ((long) (descending ? ~key : key) << 32) | i;
    }
    Arrays.parallelSort(keys);
    return keys;
  }

  private static int[] positions(long[] keys) {
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /** Calls {@code action} for each run of two or more positions with the same float32 key. */
  private static void forEachRun(long[] keys, RunAction action) {
    int start = 0;
    while (start < keys.length) {
      int end = start + 1;
      while (end < keys.length && (keys[end] >>> 32) == (keys[start] >>> 32)) {
        end++;
      }
      if (end - start > 1) {
        action.accept(start, end);
      }
      start = end;
    }
  }

  private static void breakTies(int[] order, int start, int end, IntToLongFunction tieHash, IntSort.IntComparator lastResort) {
    int[] run = Arrays.copyOfRange(order, start, end);
    long[] hashes = new long[run.length];
    int[] local = new int[run.length];
    for (int k = 0; k < run.length; k++) {
      local[k] = k;
      hashes[k] = tieHash.applyAsLong(run[k]);
    }
    IntSort.sort(local, (a, b) -> {
      int byHash = Long.compare(hashes[a], hashes[b]);
      return byHash != 0 ? byHash : lastResort.compare(run[a], run[b]);
    });
    for (int k = 0; k < run.length; k++) {
      order[start + k] = run[local[k]];
    }
  }

  /** Sorts {@code order[start, end)} with the comparator; the common run of two is a compare and a swap. */
  private static void sortRange(int[] order, int start, int end, IntSort.IntComparator comparator) {
    if (end - start == 2) {
      if (comparator.compare(order[start], order[start + 1]) > 0) {
        int swap = order[start];
        order[start] = order[start + 1];
        order[start + 1] = swap;
      }
      return;
    }
    int[] run = Arrays.copyOfRange(order, start, end);
    IntSort.sort(run, comparator);
    System.arraycopy(run, 0, order, start, run.length);
  }

  /** An int whose signed order is the float's numeric order. */
  private static int sortable(float value) {
    int bits = Float.floatToIntBits(value);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
