package dev.cptflow.activities.eval.metric;

import java.util.List;

/**
 * What one evaluated item contributes to the task's metrics.
 *
 * @param gold the gold choice's index (multiple choice), or -1
 * @param predicted the choice with the highest log-likelihood, or -1
 * @param predictedNorm the choice with the highest log-likelihood per character, or -1
 * @param acc 1 or 0 for a plain item; TruthfulQA MC2's probability mass on the true answers
 * @param accNorm 1 or 0
 * @param exactMatch 1 or 0 for generation (the text equals the target), else 0
 * @param goldEntities {@code "entity text\tTYPE"} of the reference (NER), else empty
 * @param predictedEntities the same, parsed from the generated text
 * @param group the value of the metric's {@code group_by} field, or null
 */
public record ScoredItem(int gold, int predicted, int predictedNorm, double acc, double accNorm, double exactMatch,
    List<String> goldEntities, List<String> predictedEntities, String group) {
  public ScoredItem {
    goldEntities = List.copyOf(goldEntities);
    predictedEntities = List.copyOf(predictedEntities);
  }
}
