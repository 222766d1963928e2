package dev.cptflow.workflows.plan;

import dev.cptflow.workflows.api.Sha256;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.stage.StageParams;
import java.util.List;

/**
 * Content keys for stage outputs (docs/architecture.md, "The graph"). A key covers everything that decides the output
 * (the stage's key material: stage, version, canonical params; and the keys of the inputs) and nothing else: not
 * the sweep name nor the node ids, so results are shared across sweeps.
 */
final class CacheKeys {

  private CacheKeys() {}

  static String of(Stage stage, StageParams params, List<String> upstreamKeys) {
    return Sha256.hex(stage.keyMaterial(params) + "\n" + String.join(",", upstreamKeys));
  }
}
