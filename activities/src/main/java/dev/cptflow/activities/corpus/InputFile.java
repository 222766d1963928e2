package dev.cptflow.activities.corpus;

import dev.cptflow.activities.store.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One concrete source file: a local file, or an object in a store. Its {@link #uri()} is what document
 * ids hash, so it is always absolute ({@code file:/abs/path}, {@code s3://bucket/key} or {@code demo:path}): a
 * relative path, an absolute path and a glob all name a file the same way.
 */
public final class InputFile {
  private final String uri;
  private final Path localPath;
  private final ArtifactStore store;
  private final String key;

  private InputFile(String uri, Path localPath, ArtifactStore store, String key) {
    this.uri = uri;
    this.localPath = localPath;
    this.store = store;
    this.key = key;
  }

  public static InputFile local(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return new InputFile("file:" + absolute, absolute, null, null);
  }

  /** A local file known by a machine-independent URI (a {@code demo:} file), which its document ids then hash. */
  public static InputFile named(String uri, Path path) {
    return new InputFile(uri, path.toAbsolutePath().normalize(), null, null);
  }

  public static InputFile stored(ArtifactStore store, String key) {
    return new InputFile(store.resolveUri(key), null, store, key);
  }

  public String uri() {
    return uri;
  }

  /** The last path segment, whose extension picks the format and the decompression. */
  public String fileName() {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  /**
   * A local file to read. A store object is downloaded whole to a temporary file first, because the
   * readers (DuckDB for Parquet, which needs random access) work on local files; closing the copy deletes it.
   */
  public LocalCopy localCopy() {
    if (localPath != null) {
      return new LocalCopy(localPath, false);
    }
    try {
      Path temporary = Files.createTempFile("cpt-ingest-", "-" + fileName());
      Files.delete(temporary);
      store.fetch(key, temporary);
      return new LocalCopy(temporary, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download " + uri + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return uri;
  }

  /** A readable local path for an {@link InputFile}. */
  public record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
    @Override
    public void close() {
      if (temporary) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
