package dev.cptflow.workflows.api.metric;

import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.Direction;
import java.util.SortedMap;

/**
 * A selection metric as the planner, the selector and the report see it. The activities module adds the scorer: one
 * class per metric implements both, and one line registers it (docs/architecture.md, "Metrics").
 */
public interface MetricDefinition {
  /** Its name in specs and score nodes ({@code sim}): lower case letters, digits and {@code _}. */
  String key();

  /** The variant that selects by this metric alone, as specs name it ({@code ets-dacp}). */
  String variant();

  /** The score tables' column. */
  default String column() {
    return key();
  }

  /** Which end of the ranking a selection keeps. */
  Direction direction();

  /** One line for {@code --help} and the report. */
  String description();

  /** Whether the metric compares documents with the task text (then a sweep must have task_data). */
  default boolean readsTaskText() {
    return false;
  }

  /** Whether ETS-DACP-com combines it when a spec lists no metrics (the paper's three do). */
  default boolean combinedByDefault() {
    return false;
  }

  /**
   * Whether, with these settings, it learns from the whole corpus before scoring a shard (see
   * {@code ScoreParams.fitsCorpus}): document frequencies for a lexical similarity, DSIR's raw n-gram distribution.
   */
  default boolean fitsCorpus(SortedMap<String, Object> settings) {
    return false;
  }

  /**
   * Whether its values are log sampling weights (DSIR's log importance weights): soft sampling on it alone then draws
   * with probability ∝ exp(value), instead of min-max normalising the values into weights.
   */
  default boolean valuesAreLogWeights() {
    return false;
  }

  /**
   * What decides this metric's values besides the corpus, as canonical JSON values: part of the score node's cache
   * key. Throws {@link IllegalArgumentException} when the inputs cannot serve the metric.
   */
  SortedMap<String, Object> settings(MetricInputs inputs);

  /** The queue its shards run on, which follows the engine the settings name (a model wants the accelerator). */
  TaskQueues queue(SortedMap<String, Object> settings);
}
