package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.activities.store.LocalSchemes;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.torch.TorchRuntime;

/**
 * What the stages run with, on a worker or in a command that runs one stage: the stores, local copies of their
 * objects, the URI schemes this process knows, the metric registry, and how this process runs the torch training
 * engine ({@code torch} is null where it does not).
 */
public record StageContext(StoreRegistry stores, LocalArtifacts artifacts, LocalSchemes schemes, MetricRegistry metrics,
    TorchRuntime torch) {

  public StageContext(StoreRegistry stores, LocalArtifacts artifacts, LocalSchemes schemes, MetricRegistry metrics) {
    this(stores, artifacts, schemes, metrics, null);
  }

  /** This context, training with the torch engine through {@code runtime}. */
  public StageContext withTorch(TorchRuntime runtime) {
    return new StageContext(stores, artifacts, schemes, metrics, runtime);
  }

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
