package dev.cptflow.activities.stage;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.CacheRoot;
import dev.cptflow.activities.store.LocalStore;
import dev.cptflow.workflows.api.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives stages local files for store keys. A local store's files are used in place; objects of a
 * remote store are downloaded once into a cache directory, which is safe to keep because every key
 * under {@code cas/} names immutable content.
 */
public final class LocalArtifacts {
  private final Path cacheRoot;

  public LocalArtifacts(Path cacheRoot) {
    this.cacheRoot = cacheRoot;
  }

  public static LocalArtifacts inUserCache() {
    return new LocalArtifacts(CacheRoot.userCache());
  }

  /** A local copy (or the file itself) of one object. */
  public Path file(ArtifactStore store, String key) {
    if (store instanceof LocalStore local) {
      return local.root().resolve(key);
    }
    Path cached = cacheRoot.resolve(hash(store.uri())).resolve(key);
    if (!Files.exists(cached)) {
      store.fetch(key, cached);
    }
    return cached;
  }

  /** A local directory holding every object under {@code prefix} (a model directory, say). */
  public Path directory(ArtifactStore store, String prefix) {
    if (store instanceof LocalStore local) {
      return local.root().resolve(prefix);
    }
    for (String key : store.list(prefix)) {
      file(store, key);
    }
    return cacheRoot.resolve(hash(store.uri())).resolve(prefix);
  }

  /** A fresh work directory, removed when the returned handle is closed. */
  public ScratchDirectory scratch() {
    try {
      Files.createDirectories(cacheRoot);
      return new ScratchDirectory(Files.createTempDirectory(cacheRoot, "work-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory under " + cacheRoot + ": " + e.getMessage(), e);
    }
  }

  private static String hash(String text) {
    return Sha256.hex(text).substring(0, 16);
  }
}
