package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.metric.MetricCatalog;
import java.util.List;

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

  /** Every metric some variant selects by, in the catalog's order: each is scored once for the whole sweep. */
  public List<String> usedMetrics(MetricCatalog catalog) {
    return catalog.keys().stream()
        .filter(metric -> variants.stream().anyMatch(variant -> variant.metrics().contains(metric)))
        .toList();
  }
}
