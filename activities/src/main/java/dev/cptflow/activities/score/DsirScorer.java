package dev.cptflow.activities.score;

import dev.cptflow.activities.corpus.Document;
import java.util.List;

/**
 * DSIR's log importance weight of a document, {@code dot(log_diff, counts)} over its hashed n-gram counts (not
 * normalised by length), and its eligibility: at least {@code minLength} tokens (DSIR's {@code min_example_length}).
 * Every document gets a weight; a selection takes only eligible ones.
 */
public final class DsirScorer implements Scorer {
  private final DsirFeaturizer featurizer;
  private final double[] logDiff;
  private final int minLength;
  private final DsirFeaturizer.Hits add = this::add;
  // Neumaier's compensated sum of log_diff over the document's hits: dot(log_diff, counts) summed hit by hit, with
  // an error far below numpy's own, so weights near zero keep their relative precision.
  private double sum;
  private double compensation;
  private int lastLength;

  public DsirScorer(DsirFit fit, int minLength) {
    this.featurizer = new DsirFeaturizer(fit.buckets());
    this.logDiff = fit.logDiff();
    this.minLength = minLength;
  }

  /** The log importance weight of {@code text}; {@link #lastLength()} is then its token count L. */
  public double logWeight(String text) {
    sum = 0;
    compensation = 0;
    lastLength = featurizer.features(text, add);
    return sum + compensation;
  }

  public int lastLength() {
    return lastLength;
  }

  @Override
  public double[] score(List<Document> batch) {
    return scoreBatch(batch).scores();
  }

  @Override
  public Scored scoreBatch(List<Document> batch) {
    double[] scores = new double[batch.size()];
    boolean[] eligible = new boolean[batch.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = logWeight(batch.get(i).text());
      eligible[i] = lastLength >= minLength;
    }
    return new Scored(scores, eligible);
  }

  @Override
  public int batchSize() {
    return 1024;
  }

  private void add(int bucket) {
    double value = logDiff[bucket];
    double total = sum + value;
    compensation += Math.abs(sum) >= Math.abs(value) ? (sum - total) + value : (value - total) + sum;
    sum = total;
  }
}
