package dev.cptflow.workflows.spec;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One variant to train. {@code sampling} is null for DACP and TACP, which select nothing; {@code metrics} and
 * {@code weights} are empty except for ETS-DACP-COM; {@code budget} is null unless the variant overrides the
 * selection budget.
 */
public record VariantSpec(
    VariantKind name, Sampling sampling, List<Metric> metrics, SortedMap<Metric, Double> weights, Double budget) {

  public VariantSpec {
    metrics = List.copyOf(metrics);
    weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
  }

  /** {@code dacp}, {@code tacp}, or {@code <name>-<sampling>} such as {@code ets-dacp-hard}. */
  public String id() {
    return sampling == null ? name.key() : name.key() + "-" + sampling.key();
  }

  /** The metrics this variant selects by, in the order it lists them. */
  public List<Metric> usedMetrics() {
    return name == VariantKind.ETS_DACP_COM ? metrics : name.metrics();
  }
}
