package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDataException;
import dev.cptflow.activities.eval.metric.ScoredItem;
import dev.cptflow.activities.eval.task.TaskConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How the model answered one item, and what that answer scores. */
final class ItemResult {
  private final int gold;
  private final double[] logLikelihoods;
  private final int predicted;
  private final int predictedNorm;
  private final double acc;
  private final double accNorm;
  private final String generated;
  private final List<String> goldEntities;
  private final List<String> predictedEntities;
  private final boolean exactMatch;
  private final String prediction;

  private ItemResult(int gold, double[] logLikelihoods, int predicted, int predictedNorm, double acc, double accNorm,
      String generated, List<String> goldEntities, List<String> predictedEntities, boolean exactMatch, String prediction) {
    this.gold = gold;
    this.logLikelihoods = logLikelihoods;
    this.predicted = predicted;
    this.predictedNorm = predictedNorm;
    this.acc = acc;
    this.accNorm = accNorm;
    this.generated = generated;
    this.goldEntities = goldEntities;
    this.predictedEntities = predictedEntities;
    this.exactMatch = exactMatch;
    this.prediction = prediction;
  }

  /**
   * lm-evaluation-harness {@code process_results} for multiple choice: the prediction is the first choice with the
   * highest log-likelihood; acc_norm divides each by its choice's length in characters. With
   * {@code process_results: mc2}, acc is TruthfulQA MC2's normalised probability mass on the true answers.
   */
  static ItemResult multipleChoice(TaskConfig task, Instance instance, double[] logLikelihoods) {
    double[] perCharacter = new double[logLikelihoods.length];
    for (int i = 0; i < perCharacter.length; i++) {
      perCharacter[i] = logLikelihoods[i] / instance.choices().get(i).length();
    }
    int predicted = argmax(logLikelihoods);
    int predictedNorm = argmax(perCharacter);
    double acc = "mc2".equals(task.processResults())
        ? mc2(instance, logLikelihoods)
        : predicted == instance.gold() ? 1 : 0;
    double accNorm = predictedNorm == instance.gold() ? 1 : 0;
    return new ItemResult(instance.gold(), logLikelihoods, predicted, predictedNorm, acc, accNorm, null, List.of(),
        List.of(), false, instance.choices().get(predicted));
  }

  static ItemResult generated(Instance instance, String text) {
    List<String> gold = goldEntities(instance);
    return new ItemResult(-1, null, -1, -1, 0, 0, text, gold, EntityLines.parse(text),
        text.strip().equals(instance.target().strip()), text);
  }

  ScoredItem scored(String group) {
    return new ScoredItem(gold, predicted, predictedNorm, acc, accNorm, exactMatch ? 1 : 0, goldEntities,
        predictedEntities, group);
  }

  /** The per-item fields of the samples file. */
  void describe(Map<String, Object> sample) {
    sample.put("prediction", prediction);
    if (logLikelihoods != null) {
      sample.put("loglikelihoods", Arrays.stream(logLikelihoods).boxed().toList());
      sample.put("acc", acc);
      sample.put("acc_norm", accNorm);
    } else {
      sample.put("generated", generated);
      sample.put("gold_entities", goldEntities);
      sample.put("predicted_entities", predictedEntities);
    }
  }

  /** The reference entities: the document's own list when the reader gave one, else parsed from the target. */
  private static List<String> goldEntities(Instance instance) {
    if (instance.doc().fields().get("entities") instanceof List<?> entities) {
      return entities.stream().map(entity -> {
        if (!(entity instanceof Map<?, ?> map)) {
          throw new EvalDataException(instance.doc().origin() + ": field 'entities': each entry must be {text, type}");
        }
        return map.get("text") + "\t" + map.get("type");
      }).toList();
    }
    return EntityLines.parse(instance.target());
  }

  /** The labels are 1 for the true answers, which come first, then 0: the mass before the first 0 is "true". */
  private static double mc2(Instance instance, double[] logLikelihoods) {
    Object targets = instance.doc().fields().get("mc2_targets");
    if (!(targets instanceof Map<?, ?> map) || !(map.get("labels") instanceof List<?> labels)) {
      throw new EvalDataException(instance.doc().origin() + ": field 'mc2_targets.labels': missing");
    }
    int split = labels.stream().map(label -> ((Number) label).intValue()).toList().indexOf(0);
    if (split < 0) {
      split = labels.size();
    }
    double trueMass = 0;
    double total = 0;
    for (int i = 0; i < logLikelihoods.length; i++) {
      double probability = Math.exp(logLikelihoods[i]);
      total += probability;
      trueMass += i < split ? probability : 0;
    }
    return trueMass / total;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
