package dev.cptflow.activities.score;

import dev.cptflow.activities.corpus.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sim(d) = ê_d · mean_t(ê_t)} (see docs/architecture.md, 'Corpus and metrics'): the centroid of the task
 * texts' unit embeddings, deliberately not re-normalised, so the score equals the mean cosine of d to every
 * task text.
 *
 * <p>Owns its embedder: {@link #close()} closes it. Thread-safe exactly when the embedder is.
 */
public final class SimScorer implements Scorer {
  private final Embedder embedder;
  private final HashedNgramEmbedder hashed; // non-null: score with sparse dot products
  private final double[] centroid;

  public SimScorer(Embedder embedder, List<String> taskTexts) {
    if (taskTexts.isEmpty()) {
      throw new IllegalArgumentException("sim needs at least one task text");
    }
    this.embedder = embedder;
    this.hashed = embedder instanceof HashedNgramEmbedder h ? h : null;
    this.centroid = new double[embedder.dimension()];
    double weight = 1.0 / taskTexts.size();
    if (hashed != null) {
      for (String text : taskTexts) {
        hashed.embedSparse(text).addTo(centroid, weight);
      }
    } else {
      for (int from = 0; from < taskTexts.size(); from += batchSize()) {
        List<String> slice =
            taskTexts.subList(from, Math.min(taskTexts.size(), from + batchSize()));
        for (float[] row : embedder.embed(slice)) {
          for (int k = 0; k < row.length; k++) {
            centroid[k] += weight * row[k];
          }
        }
      }
    }
  }

  @Override
  public double[] score(List<Document> batch) {
    double[] scores = new double[batch.size()];
    if (hashed != null) {
      for (int i = 0; i < scores.length; i++) {
        scores[i] = hashed.embedSparse(batch.get(i).text()).dot(centroid);
      }
      return scores;
    }
    List<String> texts = new ArrayList<>(batch.size());
    for (Document d : batch) {
      texts.add(d.text());
    }
    float[][] rows = embedder.embed(texts);
    for (int i = 0; i < scores.length; i++) {
      double dot = 0;
      for (int k = 0; k < rows[i].length; k++) {
        dot += rows[i][k] * centroid[k];
      }
      scores[i] = dot;
    }
    return scores;
  }

  @Override
  public int threads() {
    return embedder.threads();
  }

  /**
   * Hashing is cheap per document, so big batches; a transformer pads each batch to its longest.
   */
  @Override
  public int batchSize() {
    return hashed != null ? 1024 : 32;
  }

  @Override
  public void close() {
    embedder.close();
  }
}
