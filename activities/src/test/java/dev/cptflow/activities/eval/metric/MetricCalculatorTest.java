package dev.cptflow.activities.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCalculatorTest {
  private static ScoredItem choice(int gold, int predicted) {
    return new ScoredItem(gold, predicted, predicted, gold == predicted ? 1 : 0, 0, 0, List.of(), List.of(), null);
  }

  private static ScoredItem entities(List<String> gold, List<String> predicted) {
    return new ScoredItem(-1, -1, -1, 0, 0, 0, gold, predicted, null);
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
  void mccIsZeroWhenEveryPredictionIsTheSameLabel() {
    assertEquals(0.0, MetricKind.MCC.aggregate(List.of(choice(0, 0), choice(1, 0), choice(2, 0))));
  }

  @Test
  void entityF1CountsExactTextAndTypeMatchesOverAllItems() {
    List<ScoredItem> items = List.of(
        entities(List.of("Apple\tORG", "Tim Cook\tPER"), List.of("Apple\tORG", "Cook\tPER")),
        // A reference entity is matched once: the repeated prediction is a false positive.
        entities(List.of("Paris\tLOC"), List.of("Paris\tLOC", "Paris\tLOC")),
        entities(List.of(), List.of("Nasdaq\tLOC")));
    // tp 2, predicted 5, gold 3: P = 0.4, R = 2/3
    double precision = 2.0 / 5;
    double recall = 2.0 / 3;
    assertEquals(2 * precision * recall / (precision + recall), MetricKind.ENTITY_F1.aggregate(items), 1e-12);
  }

  @Test
  void groupedMetricsAverageThePerGroupValues() {
    List<ScoredItem> items = new ArrayList<>();
    for (ScoredItem item : CLASSIFIED) {
      items.add(new ScoredItem(item.gold(), item.predicted(), item.predicted(), item.acc(), 0, 0, List.of(), List.of(), "a"));
    }
    items.add(new ScoredItem(1, 1, 1, 1, 0, 0, List.of(), List.of(), "b"));
    MetricValue grouped = new MetricCalculator(0, 1).compute(MetricKind.F1, true, items);
    assertEquals((0.52 + 1.0) / 2, grouped.value(), 1e-12);
  }

  @Test
  void theBootstrapStderrIsSeededAndCloseToTheBinomialOne() {
    List<ScoredItem> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(choice(0, i % 4 == 0 ? 0 : 1));
    }
    MetricValue first = new MetricCalculator(1000, 42).compute(MetricKind.ACC, false, items);
    MetricValue again = new MetricCalculator(1000, 42).compute(MetricKind.ACC, false, items);
    MetricValue otherSeed = new MetricCalculator(1000, 43).compute(MetricKind.ACC, false, items);
    assertEquals(0.25, first.value(), 1e-12);
    assertEquals(first.stderr(), again.stderr(), 0.0);
    assertNotEquals(first.stderr(), otherSeed.stderr());
    double binomial = Math.sqrt(0.25 * 0.75 / 400);
    assertTrue(Math.abs(first.stderr() - binomial) < 0.15 * binomial, first.stderr() + " vs " + binomial);
  }
}
