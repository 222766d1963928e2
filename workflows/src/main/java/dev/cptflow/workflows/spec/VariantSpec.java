package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.Sampling;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One variant to train.
 *
 * @param name as the spec writes it: {@code dacp}, {@code tacp}, {@code ets-dacp-com} or a metric's variant name
 * @param sampling null for DACP and TACP, which select nothing
 * @param metrics the metric keys it selects by, in the order listed (empty for DACP and TACP)
 * @param weights each metric's weight (empty unless it combines metrics)
 * @param budget null unless the variant overrides the selection budget
 */
public record VariantSpec(
    String name, VariantKind kind, Sampling sampling, List<String> metrics, SortedMap<String, Double> weights,
    Double budget) {

  public VariantSpec {
    metrics = List.copyOf(metrics);
    weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
  }

  /** {@code dacp}, {@code tacp}, or {@code <name>-<sampling>} such as {@code ets-dacp-hard}. */
  public String id() {
    return sampling == null ? name : name + "-" + sampling.key();
  }
}
