package dev.cptflow.activities.metric;

import dev.cptflow.activities.score.Embedder;
import dev.cptflow.activities.score.Embedders;
import dev.cptflow.activities.score.HashedNgramEmbedder;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.SimScorer;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.Direction;
import java.util.List;
import java.util.Optional;

/** ETS-DACP's similarity: the cosine of a document's embedding to the centroid of the task texts' embeddings. */
public final class SimMetric extends ScoringMetric<SimMetric.Settings> {
  /** @param embedder {@code builtin:all-minilm-l6-v2}, {@code builtin:hashed-ngrams} or an ONNX model directory */
  public record Settings(String embedder) {}

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
    return new Settings(inputs.embedder());
  }

  @Override
  protected TaskQueues queueFor(Settings settings) {
    return TaskQueues.GPU;
  }

  @Override
  protected Scorer scorer(Settings settings, ScorerContext context) {
    return new SimScorer(Embedders.open(settings.embedder()), context.taskTexts());
  }

  /** The embedder alone: sparse vectors for hashed n-grams (as the scorer uses them), dense batches otherwise. */
  @Override
  protected Optional<RawEngine> rawEngine(Settings settings, ScorerContext context) {
    Embedder embedder = Embedders.open(settings.embedder());
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
}
