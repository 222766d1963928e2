package dev.cptflow.activities.stage;

import dev.cptflow.activities.demo.DemoFiles;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a model reference from a spec ({@code s3://models/pythia-70m}, {@code file:/models/x}, a plain
 * path, or {@code demo:base-model}) into a local directory.
 */
public final class ModelLocations {
  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;

  public ModelLocations(StoreRegistry stores, LocalArtifacts artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
  }

  public Path resolve(String uri) {
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
    String path = DemoFiles.isDemo(uri) ? DemoFiles.localPath(uri) : uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
    Path dir = Path.of(path);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(uri + ": no such model directory");
    }
    return dir;
  }
}
