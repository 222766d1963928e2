package dev.cptflow.activities.metric;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricDefinition;
import dev.cptflow.workflows.api.metric.MetricInputs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A selection metric, whole: what the planner and the selector need ({@link MetricDefinition}) and how to score with
 * it. A metric is one subclass and one line in {@link MetricRegistry#builtin()}; the spec loader, the planner, the score
 * stage, {@code cpt score}, {@code cpt select}, the report and the bench commands all read the registry.
 *
 * <p>Its settings are a record of its own ({@code S}): written by {@link #plan}, carried in the score node's params as
 * canonical JSON values (so they are part of the node's cache key), and read back typed for {@link #scorer}.
 *
 * @param <S> the settings record; its components are JSON values (strings, numbers, booleans, lists, maps)
 */
public abstract class ScoringMetric<S extends Record> implements MetricDefinition {
  private static final ObjectMapper SETTINGS = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final Class<S> settingsType;

  protected ScoringMetric(Class<S> settingsType) {
    this.settingsType = settingsType;
  }

  /** The settings for a sweep (or a command line); throws {@link IllegalArgumentException} when they cannot serve. */
  protected abstract S plan(MetricInputs inputs);

  /** Where shards of this metric run with these settings: where its engine runs best. */
  protected abstract TaskQueues queueFor(S settings);

  /** A scorer for one worker's use; it may hold a loaded model and is closed after use. */
  protected abstract Scorer scorer(S settings, ScorerContext context);

  /** Whether, with these settings, {@link #fit} runs before the shards; none does by default. */
  protected boolean fitsCorpus(S settings) {
    return false;
  }

  /**
   * Learns from the whole corpus into {@code out} before any shard is scored; only called when {@link #fitsCorpus}
   * says so. The scorers then read it from {@link ScorerContext#fitted()}.
   */
  protected void fit(S settings, CorpusDocuments corpus, ScorerContext context, Path out) {
    throw new UnsupportedOperationException(key() + " does not fit the corpus");
  }

  /** The bare engine under the scorer, for benchmarks; none by default. */
  protected Optional<RawEngine> rawEngine(S settings, ScorerContext context) {
    return Optional.empty();
  }

  @Override
  public final SortedMap<String, Object> settings(MetricInputs inputs) {
    return SETTINGS.convertValue(plan(inputs), new TypeReference<TreeMap<String, Object>>() {});
  }

  @Override
  public final boolean fitsCorpus(SortedMap<String, Object> settings) {
    return fitsCorpus(read(settings));
  }

  @Override
  public final TaskQueues queue(SortedMap<String, Object> settings) {
    return queueFor(read(settings));
  }

  public final Scorer scorer(SortedMap<String, Object> settings, ScorerContext context) {
    return scorer(read(settings), context);
  }

  public final void fit(SortedMap<String, Object> settings, CorpusDocuments corpus, ScorerContext context, Path out) {
    fit(read(settings), corpus, context, out);
  }

  public final Optional<RawEngine> rawEngine(SortedMap<String, Object> settings, ScorerContext context) {
    return rawEngine(read(settings), context);
  }

  /** The settings record from its canonical JSON values; a settings map of another shape is refused. */
  public final S read(SortedMap<String, Object> settings) {
    try {
      return SETTINGS.convertValue(settings, settingsType);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key() + ": settings " + settings + " do not fit " + settingsType.getSimpleName()
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return key();
  }
}
