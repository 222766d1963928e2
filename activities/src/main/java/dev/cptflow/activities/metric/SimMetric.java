package dev.cptflow.activities.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.score.DocumentFrequencies;
import dev.cptflow.activities.score.Embedder;
import dev.cptflow.activities.score.Embedders;
import dev.cptflow.activities.score.HashedNgramEmbedder;
import dev.cptflow.activities.score.OnnxEmbedder;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.SimScorer;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * ETS-DACP's similarity: the cosine of a document's embedding to the centroid of the task texts' embeddings. With
 * {@code builtin:hashed-ngrams} it first counts the corpus's document frequencies (its fit), so the lexical vectors are
 * TF-IDF and the scores depend on the corpus.
 */
public final class SimMetric extends ScoringMetric<SimMetric.Settings> {
  /** How {@code builtin:hashed-ngrams} weighs n-grams; named in its settings so another weighting gets new keys. */
  static final String HASHED_WEIGHTING = "sublinear-tf-idf";

  /**
   * @param embedder {@code builtin:all-minilm-l6-v2}, {@code builtin:all-minilm-l6-v2-int8},
   *     {@code builtin:hashed-ngrams} or an ONNX model directory
   * @param weighting the n-gram weighting of {@code builtin:hashed-ngrams}; absent for the others
   */
  public record Settings(String embedder, @JsonInclude(JsonInclude.Include.NON_NULL) String weighting) {}

  public SimMetric() {
    super(Settings.class);
  }

  @Override
  public String key() {
    return "sim";
  }

  @Override
  public String variant() {
    return "ets-dacp";
  }

  @Override
  public Direction direction() {
    return Direction.HIGHER;
  }

  @Override
  public String description() {
    return "similarity of a document's embedding to the task text (ETS-DACP)";
  }

  @Override
  public boolean readsTaskText() {
    return true;
  }

  @Override
  public boolean combinedByDefault() {
    return true;
  }

  @Override
  protected Settings plan(MetricInputs inputs) {
    return new Settings(inputs.embedder(), hashed(inputs.embedder()) ? HASHED_WEIGHTING : null);
  }

  @Override
  protected boolean fitsCorpus(Settings settings) {
    return hashed(settings.embedder());
  }

  /**
   * The queue follows the engine: hashing and the int8 MiniLM are CPU work, a full-precision transformer wants the
   * GPU (ONNX Runtime's CUDA provider, when the worker's build has it).
   */
  @Override
  protected TaskQueues queueFor(Settings settings) {
    return hashed(settings.embedder()) || settings.embedder().equals(OnnxEmbedder.BUILTIN_MINILM_INT8) ? TaskQueues.CPU
        : TaskQueues.GPU;
  }

  /** Document frequencies of the hashed n-gram buckets. */
  @Override
  protected void fit(Settings settings, CorpusDocuments corpus, ScorerContext context, Path out) {
    int[] counts = new int[HashedNgramEmbedder.DIMENSION];
    long[] documents = new long[1];
    corpus.forEach((Document document) -> {
      HashedNgramEmbedder.countDocument(document.text(), counts);
      documents[0]++;
    });
    new DocumentFrequencies(documents[0], counts).write(out);
  }

  @Override
  protected Scorer scorer(Settings settings, ScorerContext context) {
    return new SimScorer(embedder(settings, context), context.taskTexts());
  }

  /** The embedder alone: sparse vectors for hashed n-grams (as the scorer uses them), dense batches otherwise. */
  @Override
  protected Optional<RawEngine> rawEngine(Settings settings, ScorerContext context) {
    Embedder embedder = embedder(settings, context);
    if (embedder instanceof HashedNgramEmbedder hashed) {
      return Optional.of(texts -> texts.forEach(hashed::embedSparse));
    }
    return Optional.of(new RawEngine() {
      @Override
      public void run(List<String> texts) {
        RawEngine.inBatches(texts, 32, embedder::embed);
      }

      @Override
      public void close() {
        embedder.close();
      }
    });
  }

  private static Embedder embedder(Settings settings, ScorerContext context) {
    if (hashed(settings.embedder())) {
      if (!HASHED_WEIGHTING.equals(settings.weighting())) {
        throw new IllegalArgumentException("sim: this build weighs hashed n-grams by " + HASHED_WEIGHTING + ", not "
            + settings.weighting());
      }
      return new HashedNgramEmbedder(DocumentFrequencies.read(context.fitted()));
    }
    return Embedders.open(settings.embedder());
  }

  private static boolean hashed(String embedder) {
    return HashedNgramEmbedder.SPEC.equals(embedder);
  }
}
