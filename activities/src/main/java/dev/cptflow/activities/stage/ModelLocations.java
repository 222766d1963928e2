package dev.cptflow.activities.stage;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.LocalSchemes;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.UriSchemes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a model reference from a spec ({@code s3://models/pythia-70m}, {@code file:/models/x}, a plain path, or a
 * registered scheme's URI such as {@code demo:base-model}) into a local directory.
 */
public final class ModelLocations {
  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;
  private final LocalSchemes schemes;

  public ModelLocations(StoreRegistry stores, LocalArtifacts artifacts, LocalSchemes schemes) {
    this.stores = stores;
    this.artifacts = artifacts;
    this.schemes = schemes;
  }

  public Path resolve(String uri) {
    String unsupported = UriSchemes.problem(uri);
    if (unsupported != null) {
      throw new IllegalArgumentException(uri + ": " + unsupported);
    }
    if (uri.startsWith("s3://")) {
      int slash = uri.indexOf('/', "s3://".length());
      String bucket = slash < 0 ? uri : uri.substring(0, slash);
      String prefix = slash < 0 ? "" : uri.substring(slash + 1);
      ArtifactStore store = stores.open(bucket);
      Path dir = artifacts.directory(store, prefix);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(uri + ": no objects under this prefix");
      }
      return dir;
    }
    Path dir = Path.of(schemes.localPath(uri));
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(uri + ": no such model directory");
    }
    return dir;
  }
}
