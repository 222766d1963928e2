package dev.cptflow.activities.metric;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.score.DsirFit;
import dev.cptflow.activities.score.DsirScorer;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.Direction;
import java.nio.file.Path;
import java.util.Optional;

/**
 * DSIR (Xie, Santurkar, Ma and Liang 2023, "Data Selection for Language Models via Importance Resampling"): a
 * document's log importance weight {@code ln p_target(d) − ln p_raw(d)} under bag-of-hashed-n-gram models of the task
 * text and of the corpus, exactly as the authors' {@code HashedNgramDSIR} computes it with its defaults (see
 * {@link DsirFit} and {@link DsirScorer}). The corpus distribution is its fit. Hard selection takes the top of the
 * ranking; soft is DSIR's Gumbel top-k over the log weights; only documents of at least {@code min_length} tokens are
 * eligible.
 *
 * @see <a href="https://github.com/p-lambda/dsir">the reference implementation</a>
 */
public final class DsirMetric extends ScoringMetric<DsirMetric.Settings> {
  /**
   * @param buckets the hashed feature space (DSIR: 10,000)
   * @param minLength fewer tokens than this and a document is not eligible (DSIR's {@code min_example_length}: 100)
   * @param maxRawCounts the raw fit stops after the document that takes its n-gram count past this (DSIR's
   *     {@code num_tokens_to_fit='auto'}: 10^9)
   */
  public record Settings(int buckets, int minLength, long maxRawCounts) {}

  static final Settings DEFAULTS = new Settings(10_000, 100, 1_000_000_000L);

  public DsirMetric() {
    super(Settings.class);
  }

  @Override
  public String key() {
    return "dsir";
  }

  @Override
  public String variant() {
    return "dsir";
  }

  @Override
  public Direction direction() {
    return Direction.HIGHER;
  }

  @Override
  public String description() {
    return "DSIR's log importance weight of hashed n-grams, task text against the corpus";
  }

  @Override
  public boolean readsTaskText() {
    return true;
  }

  @Override
  public boolean valuesAreLogWeights() {
    return true;
  }

  @Override
  protected Settings plan(MetricInputs inputs) {
    return DEFAULTS;
  }

  @Override
  protected boolean fitsCorpus(Settings settings) {
    return true;
  }

  /** Hashing and a dot product: CPU work. */
  @Override
  protected TaskQueues queueFor(Settings settings) {
    return TaskQueues.CPU;
  }

  @Override
  protected void fit(Settings settings, CorpusDocuments corpus, ScorerContext context, Path out) {
    DsirFit.fit(settings.buckets(), settings.maxRawCounts(),
        texts -> corpus.forEach((Document document) -> texts.accept(document.text())), context.taskTexts()).write(out);
  }

  @Override
  protected Scorer scorer(Settings settings, ScorerContext context) {
    DsirFit fit = DsirFit.read(context.fitted());
    if (fit.buckets() != settings.buckets()) {
      throw new IllegalArgumentException("dsir: the fit has " + fit.buckets() + " buckets, the settings " + settings.buckets());
    }
    return new DsirScorer(fit, settings.minLength());
  }

  /** Featurising and weighing alone, without the shard pipeline around it. */
  @Override
  protected Optional<RawEngine> rawEngine(Settings settings, ScorerContext context) {
    DsirScorer weights = new DsirScorer(DsirFit.read(context.fitted()), settings.minLength());
    return Optional.of(texts -> texts.forEach(weights::logWeight));
  }
}
