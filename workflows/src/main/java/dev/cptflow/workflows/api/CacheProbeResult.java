package dev.cptflow.workflows.api;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the store holds for a sweep's nodes.
 *
 * @param hits results of the finished nodes whose artifacts checked out, keyed by node id
 * @param rejected nodes that had a cache entry whose artifacts did not match it, with what was wrong (the artifact
 *     and how it differs); their entries are removed, so they are computed again
 */
public record CacheProbeResult(SortedMap<String, StageResult> hits, SortedMap<String, String> rejected) {
  public CacheProbeResult {
    hits = Collections.unmodifiableSortedMap(new TreeMap<>(hits == null ? Collections.emptySortedMap() : hits));
    rejected = Collections.unmodifiableSortedMap(new TreeMap<>(rejected == null ? Collections.emptySortedMap() : rejected));
  }
}
