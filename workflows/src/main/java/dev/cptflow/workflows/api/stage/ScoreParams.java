package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One metric over the whole corpus.
 *
 * @param metric the metric's key in the registry ({@code sim}, {@code ppl}, ...)
 * @param column the score tables' column holding it
 * @param settings what decides the metric's values besides the corpus (the embedder, the proxy model, ...): written by
 *     the metric's own class and read back by it, canonical JSON values only
 * @param fitsCorpus whether the metric learns from the whole corpus before it scores any shard (document frequencies,
 *     a raw feature distribution), in one fit activity whose output every shard reads
 */
public record ScoreParams(String metric, String column, SortedMap<String, Object> settings, boolean fitsCorpus)
    implements StageParams {
  public ScoreParams {
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings == null ? Collections.emptySortedMap() : settings));
  }
}
