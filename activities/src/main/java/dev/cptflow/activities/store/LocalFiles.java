package dev.cptflow.activities.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Local-file helpers: atomic writes (a hidden temp file in the target's directory, then a rename) and tree removal. */
public final class LocalFiles {
  private LocalFiles() {}

  /** Writes the stream to {@code target} so that readers see either nothing or the whole file. */
  static void writeAtomically(Path target, InputStream content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Same directory as the target, so the final move is a rename within one file system.
    Path temp = dir.resolve(StoreKeys.TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.copy(content, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Deletes a file or a directory tree; nothing happens when it does not exist. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
