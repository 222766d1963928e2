package dev.cptflow.activities.eval.metric;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * F1 and MCC over (gold, predicted) label pairs as FLARE computes them (PIXIU {@code src/tasks/flare.py}
 * {@code Classification}): scikit-learn's {@code f1_score} with {@code labels} = the gold labels, so a "missing"
 * prediction (-1) lowers recall but is no label of its own; weighted F1 weighs each gold label's F1 by its count,
 * macro F1 is their plain mean; MCC is scikit-learn's multiclass {@code matthews_corrcoef} after mapping every
 * prediction that is not a gold label to one class -1, and 0 when undefined.
 *
 * <p>Items come as distinct cells with weights (how often each occurs), so a bootstrap resample is just new weights.
 */
final class ClassificationMetrics {
  private ClassificationMetrics() {}

  static double weightedF1(List<ScoredItem> cells, long[] weights) {
    return f1(cells, weights, true);
  }

  static double macroF1(List<ScoredItem> cells, long[] weights) {
    return f1(cells, weights, false);
  }

  private static double f1(List<ScoredItem> cells, long[] weights, boolean weighted) {
    TreeMap<Integer, long[]> byLabel = new TreeMap<>(); // gold label → {gold count, predicted count, true positives}
    for (int i = 0; i < cells.size(); i++) {
      if (weights[i] > 0) {
        byLabel.computeIfAbsent(cells.get(i).gold(), label -> new long[3])[0] += weights[i];
      }
    }
    if (byLabel.isEmpty()) {
      return Double.NaN;
    }
    for (int i = 0; i < cells.size(); i++) {
      long[] predicted = byLabel.get(cells.get(i).predicted());
      if (predicted != null && weights[i] > 0) {
        predicted[1] += weights[i];
        predicted[2] += cells.get(i).gold() == cells.get(i).predicted() ? weights[i] : 0;
      }
    }
    double total = 0;
    double sumOfWeights = 0;
    for (long[] label : byLabel.values()) {
      double f1 = 2.0 * label[2] / (label[0] + label[1]);
      double weight = weighted ? label[0] : 1;
      total += weight * f1;
      sumOfWeights += weight;
    }
    return total / sumOfWeights;
  }

  static double mcc(List<ScoredItem> cells, long[] weights) {
    TreeSet<Integer> goldLabels = new TreeSet<>();
    for (int i = 0; i < cells.size(); i++) {
      if (weights[i] > 0) {
        goldLabels.add(cells.get(i).gold());
      }
    }
    TreeMap<Integer, long[]> counts = new TreeMap<>(); // class → {gold count, predicted count}
    long samples = 0;
    long correct = 0;
    for (int i = 0; i < cells.size(); i++) {
      long weight = weights[i];
      if (weight == 0) {
        continue;
      }
      ScoredItem cell = cells.get(i);
      int predicted = goldLabels.contains(cell.predicted()) ? cell.predicted() : -1;
      counts.computeIfAbsent(cell.gold(), label -> new long[2])[0] += weight;
      counts.computeIfAbsent(predicted, label -> new long[2])[1] += weight;
      samples += weight;
      correct += cell.gold() == predicted ? weight : 0;
    }
    double goldTimesPredicted = 0;
    double goldSquares = 0;
    double predictedSquares = 0;
    for (long[] label : counts.values()) {
      goldTimesPredicted += (double) label[0] * label[1];
      goldSquares += (double) label[0] * label[0];
      predictedSquares += (double) label[1] * label[1];
    }
    double s = samples;
    double numerator = correct * s - goldTimesPredicted;
    double denominator = Math.sqrt((s * s - predictedSquares) * (s * s - goldSquares));
    return denominator == 0 ? 0 : numerator / denominator;
  }
}
