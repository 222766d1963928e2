package dev.cptflow.activities.lm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups sequences of similar length into batches of at most {@code tokenBudget} padded tokens, so that
 * little compute goes to padding. Longest first, as lm-evaluation-harness orders requests, so an
 * out-of-memory batch shows up at the start of a run, not at its end.
 */
final class LengthBatches {
  private LengthBatches() {}

  /** Lists of indices into {@code lengths}; each list is one batch. */
  static List<int[]> of(int[] lengths, int tokenBudget, int maxBatch) {
    Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
    java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> -lengths[i]).thenComparingInt(i -> i));
    List<int[]> batches = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    int longest = 0;
    for (int index : order) {
      int widest = Math.max(longest, lengths[index]);
      if (!current.isEmpty() && (widest * (current.size() + 1) > tokenBudget || current.size() == maxBatch)) {
        batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        current = new ArrayList<>();
        widest = lengths[index];
      }
      current.add(index);
      longest = widest;
    }
    if (!current.isEmpty()) {
      batches.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return batches;
  }
}
