package dev.cptflow.activities.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCalculatorTest {
  private static ScoredItem choice(int gold, int predicted) {
    return ScoredItem.classified(gold, predicted, null);
  }

  private static ScoredItem entities(int correct, int predicted, int gold) {
    EntityCounts counts = new EntityCounts(correct, predicted, gold);
    return new ScoredItem(-1, -1, -1, 0, 0, 0, 0, counts, counts, null);
  }

  /** gold 0 0 1 1 2, predicted 0 1 1 1 0: per-label F1 0.5, 0.8, 0 with supports 2, 2, 1. */
  private static final List<ScoredItem> CLASSIFIED = List.of(choice(0, 0), choice(0, 1), choice(1, 1), choice(1, 1), choice(2, 0));

  @Test
  void f1AndMccMatchAHandComputationOfScikitLearnsDefinitions() {
    assertEquals((2 * 0.5 + 2 * 0.8 + 0) / 5, MetricKind.F1.aggregate(CLASSIFIED), 1e-12);
    assertEquals((0.5 + 0.8 + 0) / 3, MetricKind.MACRO_F1.aggregate(CLASSIFIED), 1e-12);
    // (c·s − Σ t_k p_k) / sqrt((s² − Σ p_k²)(s² − Σ t_k²)) with c = 3, s = 5, t = (2,2,1), p = (2,3,0)
    assertEquals((3 * 5 - 10) / Math.sqrt((25 - 13) * (25 - 9)), MetricKind.MCC.aggregate(CLASSIFIED), 1e-12);
    assertEquals(0.6, MetricKind.ACC.aggregate(CLASSIFIED), 1e-12);
  }

  @Test
  void missingAnswersLowerRecallButAreNoLabelOfTheirOwnAsInFlare() {
    // gold 0 0 1 1, predicted 0 missing 1 0. sklearn f1_score(labels=set(golds)): label 0 P 1/2 R 1/2 F1 0.5,
    // label 1 P 1 R 1/2 F1 2/3. Weighted (2, 2): 7/12; macro over the two gold labels only: 7/12.
    List<ScoredItem> items = List.of(choice(0, 0), choice(0, -1), choice(1, 1), choice(1, 0));
    assertEquals(7.0 / 12, MetricKind.F1.aggregate(items), 1e-12);
    assertEquals(7.0 / 12, MetricKind.MACRO_F1.aggregate(items), 1e-12);
    assertEquals(0.25, MetricKind.MISSING.aggregate(items), 1e-12);
    assertEquals(0.5, MetricKind.ACC.aggregate(items), 1e-12);
    // MCC with missing as class -1: c = 2, s = 4, t = (2, 2, 0), p = (2, 1, 1): (8 − 6) / sqrt((16 − 6)(16 − 8))
    assertEquals(2 / Math.sqrt(10 * 8), MetricKind.MCC.aggregate(items), 1e-12);
  }

  @Test
  void aPredictedLabelThatIsNeverGoldOnlyCountsAsWrong() {
    // gold 0 0 1, predicted 0 2 1: label 2 is no gold label, so macro F1 averages labels 0 (F1 2/3) and 1 (F1 1).
    assertEquals((2.0 / 3 + 1) / 2, MetricKind.MACRO_F1.aggregate(List.of(choice(0, 0), choice(0, 2), choice(1, 1))), 1e-12);
  }

  @Test
  void mccIsZeroWhenEveryPredictionIsTheSameLabel() {
    assertEquals(0.0, MetricKind.MCC.aggregate(List.of(choice(0, 0), choice(1, 0), choice(2, 0))));
  }

  @Test
  void entityF1SumsTheItemsCountsMicroAveraged() {
    List<ScoredItem> items = List.of(entities(1, 2, 2), entities(1, 2, 1), entities(0, 1, 0));
    // tp 2, predicted 5, gold 3: P = 0.4, R = 2/3
    double precision = 2.0 / 5;
    double recall = 2.0 / 3;
    assertEquals(2 * precision * recall / (precision + recall), MetricKind.ENTITY_F1.aggregate(items), 1e-12);
    assertEquals(0.0, MetricKind.ENTITY_F1.aggregate(List.of(entities(0, 3, 2))));
  }

  @Test
  void groupedMetricsAverageThePerGroupValues() {
    List<ScoredItem> items = new ArrayList<>();
    for (ScoredItem item : CLASSIFIED) {
      items.add(item.withGroup("a"));
    }
    items.add(choice(1, 1).withGroup("b"));
    MetricValue grouped = new MetricCalculator(0, 1).compute(MetricKind.F1, true, items);
    assertEquals((0.52 + 1.0) / 2, grouped.value(), 1e-12);
  }

  @Test
  void meansGetTheAnalyticStandardErrorOfTheMean() {
    List<ScoredItem> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(choice(0, i < 3 ? 0 : 1));
    }
    // three 1s and seven 0s: sample variance (3·0.49 + 7·0.09) / 9 = 2.1 / 9; stderr sqrt(2.1 / 9) / sqrt(10)
    MetricValue acc = new MetricCalculator(100_000, 1).compute(MetricKind.ACC, false, items);
    assertEquals(Math.sqrt(2.1 / 9) / Math.sqrt(10), acc.stderr(), 1e-12);
  }

  @Test
  void theBootstrapStderrIsSeededAndCloseToTheAnalyticOne() {
    List<ScoredItem> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(choice(i % 4 == 0 ? 0 : 1, i % 3 == 0 ? 0 : 1));
    }
    MetricValue first = new MetricCalculator(20_000, 42).compute(MetricKind.F1, false, items);
    MetricValue again = new MetricCalculator(20_000, 42).compute(MetricKind.F1, false, items);
    MetricValue otherSeed = new MetricCalculator(20_000, 43).compute(MetricKind.F1, false, items);
    assertEquals(first.stderr(), again.stderr(), 0.0);
    assertNotEquals(first.stderr(), otherSeed.stderr());
    assertTrue(Math.abs(first.stderr() - otherSeed.stderr()) < 0.05 * first.stderr(), first + " vs " + otherSeed);
    // Grouped with one group gives the same resamples and so the same stderr.
    List<ScoredItem> oneGroup = items.stream().map(item -> item.withGroup("g")).toList();
    assertEquals(first.stderr(), new MetricCalculator(20_000, 42).compute(MetricKind.F1, true, oneGroup).stderr(), 1e-15);
  }

  @Test
  void aHundredThousandResamplesOfAThousandItemsTakeAboutASecond() {
    List<ScoredItem> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(choice(i % 3, (i * 7) % 4 == 3 ? -1 : (i * 7) % 3));
    }
    long start = System.nanoTime();
    MetricValue mcc = new MetricCalculator(MetricCalculator.DEFAULT_ITERATIONS, 7).compute(MetricKind.MCC, false, items);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(mcc.stderr() > 0 && mcc.stderr() < 0.05, mcc.toString());
    assertTrue(seconds < 10, seconds + " s");
  }
}
