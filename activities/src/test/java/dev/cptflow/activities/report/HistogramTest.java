package dev.cptflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void countsSumToNAndTheExtremesLandInTheEndBins() {
    Random random = new Random(1);
    double[] values = new double[10_001];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    Histogram h = Histogram.of(values, 40);
    assertEquals(40, h.bins());
    assertEquals(41, h.edges().length);
    assertEquals(values.length, h.total());

    double max = java.util.Arrays.stream(values).max().orElseThrow();
    double min = java.util.Arrays.stream(values).min().orElseThrow();
    assertEquals(min, h.edges()[0]);
    assertEquals(max, h.edges()[40]);
    // The maximum falls in the last bin, the minimum in the first.
    Histogram onlyMax = Histogram.of(new double[] {max}, min, max, 40);
    assertEquals(1, onlyMax.counts()[39]);
    Histogram onlyMin = Histogram.of(new double[] {min}, min, max, 40);
    assertEquals(1, onlyMin.counts()[0]);
  }

  @Test
  void binsAreHalfOpenExceptTheLast() {
    // [0,1) [1,2) [2,3) [3,4]
    Histogram h = Histogram.of(new double[] {0, 0.5, 1, 2.999, 3, 4}, 0, 4, 4);
    assertArrayEquals(new long[] {2, 1, 1, 2}, h.counts());
  }

  @Test
  void constantScoresDoNotDivideByZero() {
    double[] values = new double[100];
    java.util.Arrays.fill(values, 2.5);
    Histogram h = Histogram.of(values, 40);
    assertEquals(100, h.total());
    for (int i = 0; i < h.bins(); i++) {
      assertTrue(h.edges()[i] < h.edges()[i + 1], "edges must increase");
    }
    long nonEmpty = java.util.Arrays.stream(h.counts()).filter(c -> c > 0).count();
    assertEquals(1, nonEmpty);
  }

  @Test
  void nonFiniteValuesAreSkippedAndOutliersClamped() {
    Histogram h = Histogram.of(new double[] {Double.NaN, -5, 0.5, 99, Double.POSITIVE_INFINITY}, 0, 1, 2);
    assertArrayEquals(new long[] {1, 2}, h.counts());
    assertEquals(0, Histogram.of(new double[0], 40).total());
  }

  @Test
  void downsamplingAveragesWindowsToAtMostTheLimit() {
    List<CurvePoint> points = new ArrayList<>();
    for (int s = 1; s <= 1000; s++) {
      points.add(new CurvePoint(s, s % 2 == 0 ? 1.0 : 3.0));
    }
    // 1,000 points, at most 500: windows of 2, each (3 + 1) / 2 at the mean of its two steps.
    double[][] xy = Plots.downsample(points, 500);
    assertEquals(500, xy[0].length);
    assertEquals(1.5, xy[0][0], 1e-12);
    assertEquals(999.5, xy[0][499], 1e-12);
    for (double y : xy[1]) {
      assertEquals(2.0, y, 1e-12);
    }
    points.add(new CurvePoint(1001, Double.NaN)); // skipped, not averaged in
    points.add(new CurvePoint(1001, 5.0));
    double[][] odd = Plots.downsample(points, 500);
    assertEquals(334, odd[0].length); // 1,001 finite points, windows of 3
    assertEquals(3.0, odd[1][333], 1e-12); // the last, short window: steps 1000 and 1001, (1 + 5) / 2
    assertEquals(10, Plots.downsample(points.subList(0, 10), 500)[0].length);
  }
}
