package dev.cptflow.activities.select;

import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;

/**
 * Orders positions by a double score, fast enough for 100M rows on two cores: a parallel primitive sort on
 * {@code (float32 key, position)} longs, one parallel gather of the values into that order, then an exact pass over
 * each run of equal float32 keys that reads only the gathered values (contiguous, not scattered over the column).
 * Rounding a double to float32 never reverses two values, so the exact pass only orders values inside a run.
 */
final class RankSort {
  /** Work is cut into this many slices per core, so one slow slice does not hold up the rest. */
  private static final int SLICES_PER_CORE = 8;

  private RankSort() {}

  /**
   * Positions by score descending ({@link Double#compare}); equal scores by {@code tieHash} ascending (signed), then
   * by {@code lastResort}. Every tie is broken: use {@link #ranking} when only a prefix will be read.
   */
  static int[] descending(double[] scores, IntToLongFunction tieHash, IntSort.IntComparator lastResort) {
    return ranking(scores, tieHash, lastResort).all();
  }

  /**
   * The descending order of {@link #descending}, with each run of exactly equal scores put in tie-break order only
   * when it is first read. A budget reads the top tenth: combined rank scores tie often, and their tie-break hashes
   * are then computed for that tenth alone.
   */
  static Ranking ranking(double[] scores, IntToLongFunction tieHash, IntSort.IntComparator lastResort) {
    Sorted sorted = exactOrder(scores, true);
    return new Ranking(sorted.order(), sorted.values(), tieHash, lastResort);
  }

  /**
   * Each position's rank percentile in ascending order, {@code r / (n - 1)} for 0-based rank r (1 when n = 1);
   * values that are equal ({@code ==}) share the mean percentile of their ranks.
   */
  static double[] percentiles(double[] values) {
    int n = values.length;
    Sorted sorted = exactOrder(values, false);
    int[] order = sorted.order();
    double[] inOrder = sorted.values();
    double[] percentiles = new double[n];
    // Equal values are adjacent in the order; slices start where a value differs from the one before.
    forEachSlice(n, start -> start == 0 || inOrder[start] != inOrder[start - 1], (from, to) -> {
      int start = from;
      while (start < to) {
        int end = start;
        while (end + 1 < n && inOrder[end + 1] == inOrder[start]) {
          end++;
        }
        double percentile = n == 1 ? 1.0 : ((start + end) / 2.0) / (n - 1);
        for (int p = start; p <= end; p++) {
          percentiles[order[p]] = percentile;
        }
        start = end + 1;
      }
    });
    return percentiles;
  }

  /** Positions in rank order, and the values in that same order. */
  private record Sorted(int[] order, double[] values) {}

  /**
   * Positions in exact {@link Double#compare} order (descending or ascending), equal values by position ascending;
   * and the values gathered into that order.
   */
  private static Sorted exactOrder(double[] values, boolean descending) {
    int n = values.length;
    long[] keys = new long[n];
    forEachSlice(n, start -> true, (from, to) -> {
      for (int i = from; i < to; i++) {
        // -0.0 shares 0.0's key, so the two land in one run: the exact pass orders them, and == sees one tie.
        int key = sortable(values[i] == 0 ? 0f : (float) values[i]);
        keys[i] = ((long) (descending ? ~key : key) << 32) | i;
      }
    });
    Arrays.parallelSort(keys);
    int[] order = new int[n];
    double[] inOrder = new double[n];
    forEachSlice(n, start -> true, (from, to) -> {
      for (int k = from; k < to; k++) {
        order[k] = (int) keys[k];
        inOrder[k] = values[order[k]];
      }
    });
    forEachSlice(n, start -> start == 0 || (keys[start] >>> 32) != (keys[start - 1] >>> 32), (from, to) -> {
      int start = from;
      while (start < to) {
        int end = start + 1;
        while (end < n && (keys[end] >>> 32) == (keys[start] >>> 32)) {
          end++;
        }
        if (end - start > 1) {
          sortRun(order, inOrder, start, end, descending);
        }
        start = end;
      }
    });
    return new Sorted(order, inOrder);
  }

  /** Orders {@code [start, end)} of the two parallel arrays by value, then by position; runs are short, so insertion. */
  private static void sortRun(int[] order, double[] inOrder, int start, int end, boolean descending) {
    if (end - start > 64) {
      sortLongRun(order, inOrder, start, end, descending);
      return;
    }
    for (int i = start + 1; i < end; i++) {
      int position = order[i];
      double value = inOrder[i];
      int j = i - 1;
      while (j >= start && before(value, position, inOrder[j], order[j], descending)) {
        order[j + 1] = order[j];
        inOrder[j + 1] = inOrder[j];
        j--;
      }
      order[j + 1] = position;
      inOrder[j + 1] = value;
    }
  }

  /** A run of many equal float32 keys (real ties, or a dense cluster): a merge sort of local indices. */
  private static void sortLongRun(int[] order, double[] inOrder, int start, int end, boolean descending) {
    int[] positions = Arrays.copyOfRange(order, start, end);
    double[] runValues = Arrays.copyOfRange(inOrder, start, end);
    int[] local = new int[positions.length];
    for (int k = 0; k < local.length; k++) {
      local[k] = k;
    }
    IntSort.sort(local, (a, b) -> before(runValues[a], positions[a], runValues[b], positions[b], descending) ? -1
        : before(runValues[b], positions[b], runValues[a], positions[a], descending) ? 1 : 0);
    for (int k = 0; k < local.length; k++) {
      order[start + k] = positions[local[k]];
      inOrder[start + k] = runValues[local[k]];
    }
  }

  private static boolean before(double value, int position, double other, int otherPosition, boolean descending) {
    int byValue = descending ? Double.compare(other, value) : Double.compare(value, other);
    return byValue < 0 || (byValue == 0 && position < otherPosition);
  }

  private interface SliceStart {
    boolean canStartAt(int index);
  }

  private interface SliceWork {
    void run(int from, int to);
  }

  /**
   * Runs {@code work} over slices of {@code [0, n)} in parallel. A slice boundary is moved forward to the first index
   * where {@code canStartAt} holds, so a run that must be handled whole never spans two slices.
   */
  private static void forEachSlice(int n, SliceStart canStartAt, SliceWork work) {
    int slices = Math.max(1, Math.min(n / 4096, Runtime.getRuntime().availableProcessors() * SLICES_PER_CORE));
    int[] bounds = new int[slices + 1];
    for (int s = 1; s < slices; s++) {
      int bound = Math.max(bounds[s - 1], (int) ((long) n * s / slices));
      while (bound < n && !canStartAt.canStartAt(bound)) {
        bound++;
      }
      bounds[s] = bound;
    }
    bounds[slices] = n;
    IntStream.range(0, slices).parallel().forEach(s -> {
      if (bounds[s] < bounds[s + 1]) {
        work.run(bounds[s], bounds[s + 1]);
      }
    });
  }

  /** An int whose signed order is the float's numeric order. */
  private static int sortable(float value) {
    int bits = Float.floatToIntBits(value);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /** Positions in rank order; each run of equal scores is put in tie-break order when a rank inside it is first read. */
  static final class Ranking {
    private final int[] order;
    private final double[] scores;
    private final IntToLongFunction tieHash;
    private final IntSort.IntComparator lastResort;
    /** Ranks below this are final. */
    private int resolved;

    private Ranking(int[] order, double[] scores, IntToLongFunction tieHash, IntSort.IntComparator lastResort) {
      this.order = order;
      this.scores = scores;
      this.tieHash = tieHash;
      this.lastResort = lastResort;
    }

    int size() {
      return order.length;
    }

    /** The position at {@code rank}. */
    int position(int rank) {
      while (rank >= resolved) {
        resolveNextRun();
      }
      return order[rank];
    }

    /** The score at {@code rank}. */
    double score(int rank) {
      return scores[rank];
    }

    /** Every position in rank order, every tie broken. */
    int[] all() {
      while (resolved < order.length) {
        resolveNextRun();
      }
      return order;
    }

    private void resolveNextRun() {
      int start = resolved;
      int end = start + 1;
      while (end < order.length && Double.compare(scores[end], scores[start]) == 0) {
        end++;
      }
      if (end - start > 1) {
        breakTies(start, end);
      }
      resolved = end;
    }

    private void breakTies(int start, int end) {
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
  }
}
