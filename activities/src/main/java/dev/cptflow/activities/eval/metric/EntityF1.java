package dev.cptflow.activities.eval.metric;

import java.util.List;
import java.util.function.Function;

/**
 * Micro-averaged entity F1 over items: the correct, predicted and reference entities of every item summed, then
 * 2PR/(P+R), 0 when nothing is correct (seqeval's {@code f1_score} with its default micro average).
 */
final class EntityF1 {
  private EntityF1() {}

  static double of(List<ScoredItem> cells, long[] weights, Function<ScoredItem, EntityCounts> counts) {
    long correct = 0;
    long predicted = 0;
    long gold = 0;
    for (int i = 0; i < cells.size(); i++) {
      EntityCounts item = counts.apply(cells.get(i));
      correct += weights[i] * item.correct();
      predicted += weights[i] * item.predicted();
      gold += weights[i] * item.gold();
    }
    if (correct == 0) {
      return 0;
    }
    double precision = (double) correct / predicted;
    double recall = (double) correct / gold;
    return 2 * precision * recall / (precision + recall);
  }
}
