package dev.cptflow.workflows.plan;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One unit of work in a sweep: its stage, the variant it belongs to ({@code variant} is null for shared nodes),
 * its parameters as canonical strings (lists and maps as canonical JSON), the ids of the nodes it reads from, and
 * the content key its output is stored under.
 */
public record PlanNode(
    String id, Stage stage, String variant, SortedMap<String, String> params, List<String> upstream, String cacheKey) {

  public PlanNode {
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    upstream = upstream.stream().sorted().toList();
  }

  /** The first 8 hex digits of the cache key, enough to tell nodes apart on screen. */
  public String shortKey() {
    return cacheKey.substring(0, 8);
  }
}
