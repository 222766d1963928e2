package dev.cptflow.activities.eval.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entity-level F1, micro-averaged over every item: an entity counts as found when the same text and type appears
 * in the item's prediction (each reference entity can be matched once, so a repeated entity must be predicted as
 * often as it occurs).
 */
final class EntityF1 {
  private EntityF1() {}

  static double of(List<ScoredItem> items) {
    long truePositives = 0;
    long predicted = 0;
    long gold = 0;
    for (ScoredItem item : items) {
      Map<String, Integer> unmatched = new HashMap<>();
      item.goldEntities().forEach(entity -> unmatched.merge(entity, 1, Integer::sum));
      for (String entity : item.predictedEntities()) {
        Integer left = unmatched.get(entity);
        if (left != null && left > 0) {
          truePositives++;
          unmatched.put(entity, left - 1);
        }
      }
      predicted += item.predictedEntities().size();
      gold += item.goldEntities().size();
    }
    if (truePositives == 0) {
      return 0;
    }
    double precision = (double) truePositives / predicted;
    double recall = (double) truePositives / gold;
    return 2 * precision * recall / (precision + recall);
  }
}
