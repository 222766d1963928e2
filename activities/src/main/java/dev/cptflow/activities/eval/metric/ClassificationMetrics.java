package dev.cptflow.activities.eval.metric;

import java.util.List;
import java.util.TreeSet;

/**
 * F1 and MCC over (gold, predicted) label pairs, as scikit-learn computes them, which is what PIXIU/FinBen report
 * for the FLARE tasks: the labels are those that occur in either column, a label never predicted has precision 0,
 * weighted F1 weighs each label's F1 by its gold count, and MCC is the multiclass generalisation (Gorodkin's
 * R_K), 0 when undefined.
 */
final class ClassificationMetrics {
  private ClassificationMetrics() {}

  static double weightedF1(List<ScoredItem> items) {
    return f1(items, true);
  }

  static double macroF1(List<ScoredItem> items) {
    return f1(items, false);
  }

  private static double f1(List<ScoredItem> items, boolean weighted) {
    if (items.isEmpty()) {
      return Double.NaN;
    }
    double total = 0;
    double weights = 0;
    for (int label : labels(items)) {
      int truePositives = 0;
      int predictedCount = 0;
      int goldCount = 0;
      for (ScoredItem item : items) {
        boolean gold = item.gold() == label;
        boolean predicted = item.predicted() == label;
        truePositives += gold && predicted ? 1 : 0;
        goldCount += gold ? 1 : 0;
        predictedCount += predicted ? 1 : 0;
      }
      double f1 = goldCount + predictedCount == 0 ? 0 : 2.0 * truePositives / (goldCount + predictedCount);
      double weight = weighted ? goldCount : 1;
      total += weight * f1;
      weights += weight;
    }
    return weights == 0 ? 0 : total / weights;
  }

  static double mcc(List<ScoredItem> items) {
    int[] labels = labels(items).stream().mapToInt(Integer::intValue).toArray();
    long samples = items.size();
    long correct = 0;
    long goldTimesPredicted = 0;
    long goldSquares = 0;
    long predictedSquares = 0;
    for (int label : labels) {
      long gold = items.stream().filter(item -> item.gold() == label).count();
      long predicted = items.stream().filter(item -> item.predicted() == label).count();
      goldTimesPredicted += gold * predicted;
      goldSquares += gold * gold;
      predictedSquares += predicted * predicted;
    }
    for (ScoredItem item : items) {
      correct += item.gold() == item.predicted() ? 1 : 0;
    }
    double numerator = (double) correct * samples - goldTimesPredicted;
    double denominator = Math.sqrt(((double) samples * samples - predictedSquares) * ((double) samples * samples - goldSquares));
    return denominator == 0 ? 0 : numerator / denominator;
  }

  private static TreeSet<Integer> labels(List<ScoredItem> items) {
    TreeSet<Integer> labels = new TreeSet<>();
    for (ScoredItem item : items) {
      labels.add(item.gold());
      labels.add(item.predicted());
    }
    return labels;
  }
}
