package dev.cptflow.workflows.spec;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A whole experiment sweep, fully resolved: every default applied, every rule checked by {@link SpecLoader}. */
public record SweepSpec(
    String name,
    long seed,
    ModelSpec model,
    List<SourceSpec> corpus,
    List<TaskDataSpec> taskData,
    HeldoutSpec heldout,
    IngestSpec ingest,
    SelectionSpec selection,
    TrainingSpec training,
    EvaluationSpec evaluation,
    List<VariantSpec> variants) {

  public SweepSpec {
    corpus = List.copyOf(corpus);
    taskData = List.copyOf(taskData);
    variants = List.copyOf(variants);
  }

  public List<String> variantIds() {
    return variants.stream().map(VariantSpec::id).toList();
  }

  /** Every metric some variant selects by, in {@link Metric} order: each is scored once for the whole sweep. */
  public Set<Metric> usedMetrics() {
    Set<Metric> used = EnumSet.noneOf(Metric.class);
    variants.forEach(variant -> used.addAll(variant.usedMetrics()));
    return used;
  }
}
