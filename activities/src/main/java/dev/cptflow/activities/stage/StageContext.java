package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.activities.store.LocalSchemes;
import dev.cptflow.activities.store.StoreRegistry;

/**
 * What the stages run with, on a worker or in a command that runs one stage: the stores, local copies of their
 * objects, the URI schemes this process knows, and the metric registry.
 */
public record StageContext(StoreRegistry stores, LocalArtifacts artifacts, LocalSchemes schemes, MetricRegistry metrics) {

  /** The built-in metrics and no extra URI schemes. */
  public static StageContext of(StoreRegistry stores, LocalArtifacts artifacts) {
    return new StageContext(stores, artifacts, LocalSchemes.none(), MetricRegistry.builtin());
  }

  public ModelLocations models() {
    return new ModelLocations(stores, artifacts, schemes);
  }

  public SourceResolver sources() {
    return new SourceResolver(stores::open, schemes);
  }
}
