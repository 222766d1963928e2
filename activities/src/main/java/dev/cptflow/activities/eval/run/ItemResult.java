package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDataException;
import dev.cptflow.activities.eval.metric.EntityCounts;
import dev.cptflow.activities.eval.metric.ScoredItem;
import dev.cptflow.activities.eval.task.TaskConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the model answered one item, and what that answer scores. */
final class ItemResult {
  private final ScoredItem scored;
  private final double[] logLikelihoods;
  private final String generated;
  private final List<String> goldEntities;
  private final List<String> predictedEntities;
  private final List<String> predictedTags;
  private final String prediction;

  private ItemResult(ScoredItem scored, double[] logLikelihoods, String generated, List<String> goldEntities,
      List<String> predictedEntities, List<String> predictedTags, String prediction) {
    this.scored = scored;
    this.logLikelihoods = logLikelihoods;
    this.generated = generated;
    this.goldEntities = goldEntities;
    this.predictedEntities = predictedEntities;
    this.predictedTags = predictedTags;
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
    ScoredItem scored = new ScoredItem(instance.gold(), predicted, predictedNorm, acc, accNorm, 0, 0, EntityCounts.NONE,
        EntityCounts.NONE, null);
    return new ItemResult(scored, logLikelihoods, null, List.of(), List.of(), null, instance.choices().get(predicted));
  }

  /**
   * FLARE's classification from a generated answer: the task's {@code choice_match} picks a choice, else the
   * task's {@code missing_choice}, else the answer is "missing" (predicted -1), which is wrong.
   */
  static ItemResult generatedChoice(TaskConfig task, Instance instance, String text) {
    int predicted = task.choiceMatch().match(text, instance.choices());
    if (predicted < 0 && task.missingChoice() != null) {
      predicted = instance.choices().indexOf(task.missingChoice());
    }
    ScoredItem scored = ScoredItem.classified(instance.gold(), predicted, null);
    return new ItemResult(scored, null, text, List.of(), List.of(), null,
        predicted < 0 ? "missing" : instance.choices().get(predicted));
  }

  /**
   * Generated text. With {@code flareNer}, FLARE's NER scoring: the generation mapped to BIO tags over the sentence
   * ({@link FlareNer}) against the gold tags; the exact (text, TYPE) pairs are counted too.
   */
  static ItemResult generated(Instance instance, String text, boolean flareNer) {
    List<String> gold = goldEntities(instance);
    List<String> predicted = EntityLines.parse(text);
    EntityCounts flare = EntityCounts.NONE;
    List<String> tags = null;
    if (flareNer) {
      List<String> goldTags = goldTags(instance);
      tags = FlareNer.tags(text, String.valueOf(instance.doc().fields().get("text")));
      flare = FlareNer.counts(goldTags, tags);
    }
    ScoredItem scored = new ScoredItem(-1, -1, -1, 0, 0, 0, text.strip().equals(instance.target().strip()) ? 1 : 0,
        flare, pairCounts(gold, predicted), null);
    return new ItemResult(scored, null, text, gold, predicted, tags, text);
  }

  ScoredItem scored(String group) {
    return scored.withGroup(group);
  }

  /** The per-item fields of the samples file. */
  void describe(Map<String, Object> sample) {
    sample.put("prediction", prediction);
    if (logLikelihoods != null) {
      sample.put("loglikelihoods", Arrays.stream(logLikelihoods).boxed().toList());
      sample.put("acc", scored.acc());
      sample.put("acc_norm", scored.accNorm());
    } else if (scored.gold() >= 0) {
      sample.put("generated", generated);
      sample.put("acc", scored.acc());
      sample.put("missing", scored.missing());
    } else {
      sample.put("generated", generated);
      sample.put("gold_entities", goldEntities);
      sample.put("predicted_entities", predictedEntities);
      if (predictedTags != null) {
        sample.put("predicted_tags", predictedTags);
      }
    }
  }

  /** Exact (text, TYPE) matches, each reference entity matched at most once. */
  private static EntityCounts pairCounts(List<String> gold, List<String> predicted) {
    Map<String, Integer> unmatched = new HashMap<>();
    gold.forEach(entity -> unmatched.merge(entity, 1, Integer::sum));
    int correct = 0;
    for (String entity : predicted) {
      Integer left = unmatched.get(entity);
      if (left != null && left > 0) {
        correct++;
        unmatched.put(entity, left - 1);
      }
    }
    return new EntityCounts(correct, predicted.size(), gold.size());
  }

  /** The gold BIO tags: {@code labels} from the CoNLL reader, {@code label} of a FLARE row. */
  private static List<String> goldTags(Instance instance) {
    Map<String, Object> fields = instance.doc().fields();
    Object tags = fields.containsKey("labels") ? fields.get("labels") : fields.get("label");
    if (!(tags instanceof List<?> list) || !(fields.get("text") instanceof String)) {
      throw new EvalDataException(instance.doc().origin() + ": field 'label': missing or not a list of BIO tags"
          + " (entity_f1 needs the sentence's 'text' and its gold 'label' tags)");
    }
    return list.stream().map(String::valueOf).toList();
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
