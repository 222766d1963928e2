package dev.cptflow.activities.metric;

import dev.cptflow.activities.score.EntScorer;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.Direction;
import java.util.Optional;

/** ETA-DACP's diversity: the entropy of a document's part-of-speech tags. */
public final class EntMetric extends ScoringMetric<EntMetric.Settings> {
  /** The model behind the POS tags; named so a new tagger gets new keys. */
  static final String TAGGER = "opennlp-ud-en-1.3.0";

  public record Settings(String tagger) {}

  public EntMetric() {
    super(Settings.class);
  }

  @Override
  public String key() {
    return "ent";
  }

  @Override
  public String variant() {
    return "eta-dacp-ent";
  }

  @Override
  public Direction direction() {
    return Direction.HIGHER;
  }

  @Override
  public String description() {
    return "entropy of the part-of-speech tags: diversity (ETA-DACP)";
  }

  @Override
  public boolean combinedByDefault() {
    return true;
  }

  @Override
  protected Settings plan(MetricInputs inputs) {
    return new Settings(TAGGER);
  }

  /** POS tagging is CPU-bound, and the cpu queue has many more slots. */
  @Override
  protected TaskQueues queueFor(Settings settings) {
    return TaskQueues.CPU;
  }

  @Override
  protected Scorer scorer(Settings settings, ScorerContext context) {
    if (!TAGGER.equals(settings.tagger())) {
      throw new IllegalArgumentException("ent: this build tags with " + TAGGER + ", not " + settings.tagger());
    }
    return new EntScorer();
  }

  /** OpenNLP's tag loop alone. */
  @Override
  protected Optional<RawEngine> rawEngine(Settings settings, ScorerContext context) {
    EntScorer tagger = new EntScorer();
    return Optional.of(texts -> texts.forEach(tagger::tags));
  }
}
