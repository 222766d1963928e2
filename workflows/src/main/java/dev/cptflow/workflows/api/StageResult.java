package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.StageOutput;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a finished graph node leaves behind: its stage's output record (references into the artifact store, never
 * the artifacts) and a few numbers for people.
 *
 * @param nodeId the plan node, e.g. {@code score/sim}
 * @param cacheKey the node's content key
 * @param outputPrefix the store prefix that holds every output of the node ({@code cas/<stage>/<key>})
 * @param output what readers of the node decide on
 * @param counters numbers shown in progress and results tables (docs, tokens, loss, seconds); nothing reads them to
 *     decide anything
 * @param cached true when the node was not run because its {@code _SUCCESS} marker already existed
 */
public record StageResult(
    String nodeId,
    String cacheKey,
    String outputPrefix,
    StageOutput output,
    SortedMap<String, Double> counters,
    boolean cached) {

  public StageResult {
    counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters == null ? Collections.emptySortedMap() : counters));
  }

  public StageResult asCached() {
    return new StageResult(nodeId, cacheKey, outputPrefix, output, counters, true);
  }

  public StageResult withCounter(String name, double value) {
    SortedMap<String, Double> more = new TreeMap<>(counters);
    more.put(name, value);
    return new StageResult(nodeId, cacheKey, outputPrefix, output, more, cached);
  }

  public <O extends StageOutput> O output(Class<O> type) {
    if (!type.isInstance(output)) {
      throw new IllegalStateException(nodeId + " produced " + (output == null ? "no output" : output.getClass().getSimpleName())
          + ", not " + type.getSimpleName());
    }
    return type.cast(output);
  }

  /** A counter for display; absent counters show as {@code fallback}. */
  public double shown(String name, double fallback) {
    Double value = counters.get(name);
    return value == null ? fallback : value;
  }
}
