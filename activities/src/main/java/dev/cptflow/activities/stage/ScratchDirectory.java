package dev.cptflow.activities.stage;

import dev.cptflow.activities.store.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A stage's local work directory under the cache root; closing it removes it with everything inside. */
public final class ScratchDirectory implements AutoCloseable {
  private final Path path;

  ScratchDirectory(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() {
    try {
      LocalFiles.deleteRecursively(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the work directory " + path + ": " + e.getMessage(), e);
    }
  }
}
