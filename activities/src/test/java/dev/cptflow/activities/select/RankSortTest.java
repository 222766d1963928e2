package dev.cptflow.activities.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankSortTest {
  /** Scores that tie exactly, collide in float32 but differ as doubles, or sit on either side of zero. */
  private static double[] awkwardScores(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = switch (random.nextInt(5)) {
        case 0 -> 0.5; // exact ties
        case 1 -> 0.25 + random.nextInt(50) * 1e-13; // same float32, different doubles
        case 2 -> random.nextBoolean() ? 0.0 : -0.0;
        case 3 -> -random.nextDouble() * 1e6;
        default -> random.nextDouble();
      };
    }
    return scores;
  }

  @Test
  void descendingMatchesTheFullComparatorSort() {
    double[] scores = awkwardScores(20_000, 3);
    long[] hashes = new long[scores.length];
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = random.nextInt(8) - 4; // few distinct hashes, so the last resort decides too
    }
    int[] expected = new int[scores.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = i;
    }
    IntSort.sort(expected, (a, b) -> {
      int byScore = Double.compare(scores[b], scores[a]);
      if (byScore != 0) {
        return byScore;
      }
      int byHash = Long.compare(hashes[a], hashes[b]);
      return byHash != 0 ? byHash : Integer.compare(b, a);
    });
    assertArrayEquals(expected, RankSort.descending(scores, i -> hashes[i], (a, b) -> Integer.compare(b, a)));
  }

  @Test
  void percentilesGiveTiesTheirMeanRank() {
    double[] values = awkwardScores(20_000, 5);
    int n = values.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSort.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] expected = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      for (int p = start; p <= end; p++) {
        expected[order[p]] = ((start + end) / 2.0) / (n - 1);
      }
      start = end + 1;
    }
    assertArrayEquals(expected, RankSort.percentiles(values));
    assertArrayEquals(new double[] {0.5, 0.0, 1.0, 0.5}, RankSort.percentiles(new double[] {2, 1, 3, 2}));
  }

  @Test
  void aRankingBreaksTiesOnlyWhereItIsRead() {
    double[] scores = new double[100_000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i % 1_000; // every score shared by 100 positions
    }
    java.util.concurrent.atomic.AtomicInteger hashed = new java.util.concurrent.atomic.AtomicInteger();
    RankSort.Ranking ranking = RankSort.ranking(scores, i -> {
      hashed.incrementAndGet();
      return Long.reverse(i);
    }, Integer::compare);
    int[] full = RankSort.descending(scores, i -> Long.reverse(i), Integer::compare);
    for (int rank = 0; rank < 250; rank++) {
      org.junit.jupiter.api.Assertions.assertEquals(full[rank], ranking.position(rank), "rank " + rank);
      org.junit.jupiter.api.Assertions.assertEquals(999 - rank / 100, ranking.score(rank));
    }
    org.junit.jupiter.api.Assertions.assertEquals(300, hashed.get(), "three runs of 100 read, no more hashed");
  }

  @Test
  void longRunsOfNearlyEqualValuesSortExactly() {
    // 10,000 doubles inside one float32 step: a single long run for the exact pass.
    double[] values = new double[10_000];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.75 + random.nextInt(3_000) * 1e-12;
    }
    int[] expected = new int[values.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = i;
    }
    IntSort.sort(expected, (a, b) -> Double.compare(values[b], values[a]));
    assertArrayEquals(expected, RankSort.descending(values, i -> 0, Integer::compare));
  }
}
