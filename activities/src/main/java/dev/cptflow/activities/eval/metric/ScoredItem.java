package dev.cptflow.activities.eval.metric;

/**
 * What one evaluated item contributes to the task's metrics. A record with value equality: items that contribute
 * the same are interchangeable, which is what lets the bootstrap resample counts of distinct items.
 *
 * @param gold the gold choice's index (classification), or -1
 * @param predicted the predicted choice's index; -1 when a generated answer named none (FLARE's "missing")
 * @param predictedNorm the choice with the highest log-likelihood per character, or -1
 * @param acc 1 or 0 for a plain item; TruthfulQA MC2's probability mass on the true answers
 * @param accNorm 1 or 0
 * @param missing 1 when a generated answer named no choice, else 0
 * @param exactMatch 1 or 0 for generation (the text equals the target), else 0
 * @param entities FLARE's NER counts: predicted entity spans (the generation mapped back to BIO tags) against the gold
 * @param entityPairs exact (text, TYPE) pair counts of the generation against the reference entities
 * @param group the value of the metric's {@code group_by} field, or null
 */
public record ScoredItem(int gold, int predicted, int predictedNorm, double acc, double accNorm, double missing,
    double exactMatch, EntityCounts entities, EntityCounts entityPairs, String group) {

  /** A classified item: gold and predicted choice, nothing else. */
  public static ScoredItem classified(int gold, int predicted, String group) {
    return new ScoredItem(gold, predicted, -1, gold == predicted ? 1 : 0, 0, predicted < 0 ? 1 : 0, 0,
        EntityCounts.NONE, EntityCounts.NONE, group);
  }

  public ScoredItem withGroup(String newGroup) {
    return new ScoredItem(gold, predicted, predictedNorm, acc, accNorm, missing, exactMatch, entities, entityPairs,
        newGroup);
  }
}
