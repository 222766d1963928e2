package dev.cptflow.activities.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An {@link ArtifactStore} in a local directory; keys map to files below the root. */
public final class LocalStore implements ArtifactStore {
  private final Path root;

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new ArtifactStoreException("cannot create store root " + uri(), e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public String uri() {
    return fileUri(root);
  }

  @Override
  public String resolveUri(String key) {
    return fileUri(resolve(key));
  }

  @Override
  public void put(String key, Path file) {
    Path target = resolve(key);
    try (InputStream in = Files.newInputStream(file)) {
      LocalFiles.writeAtomically(target, in);
    } catch (IOException e) {
      throw new ArtifactStoreException("put " + file + " to " + fileUri(target) + " failed", e);
    }
  }

  @Override
  public void putBytes(String key, byte[] bytes) {
    Path target = resolve(key);
    try {
      LocalFiles.writeAtomically(target, new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new ArtifactStoreException("write to " + fileUri(target) + " failed", e);
    }
  }

  @Override
  public InputStream open(String key) {
    Path path = resolve(key);
    try {
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new ArtifactNotFoundException(fileUri(path), e);
    } catch (IOException e) {
      throw new ArtifactStoreException("open " + fileUri(path) + " failed", e);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public List<StoredObject> listObjects(String prefix) {
    Path dir = resolvePrefix(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StoredObject> keys = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(StoreKeys.TEMP_PREFIX)) {
            keys.add(new StoredObject(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"),
                attrs.size()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          // A concurrent writer's temp file can vanish between the listing and the stat.
          if (exc instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw exc;
        }
      });
    } catch (IOException e) {
      throw new ArtifactStoreException("list " + fileUri(dir) + " failed", e);
    }
    keys.sort(Comparator.comparing(StoredObject::key));
    return keys;
  }

  @Override
  public void delete(String key) {
    Path path = resolve(key);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new ArtifactStoreException("delete " + fileUri(path) + " failed", e);
    }
  }

  @Override
  public void deletePrefix(String prefix) {
    if (StoreKeys.checkPrefix(prefix).isEmpty()) {
      throw new InvalidKeyException(prefix, "deletePrefix needs a non-empty prefix");
    }
    Path dir = resolvePrefix(prefix);
    if (!Files.exists(dir)) {
      return;
    }
    try {
      deleteTree(dir);
    } catch (IOException e) {
      throw new ArtifactStoreException("delete " + fileUri(dir) + " failed", e);
    }
  }

  @Override
  public void close() {
    // Nothing to release: every operation opens and closes its own files.
  }

  private Path resolve(String key) {
    return within(root.resolve(StoreKeys.check(key)), key);
  }

  private Path resolvePrefix(String prefix) {
    String checked = StoreKeys.checkPrefix(prefix);
    return checked.isEmpty() ? root : within(root.resolve(checked), prefix);
  }

  // StoreKeys already rejects '..'; this is the backstop that makes an escape impossible even if
  // the rules or the platform's path parsing ever disagree.
  private Path within(Path path, String key) {
    Path normalized = path.normalize();
    if (!normalized.startsWith(root) || normalized.equals(root)) {
      throw new InvalidKeyException(key, "resolves outside the store root " + uri());
    }
    return normalized;
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static String fileUri(Path path) {
    try {
      return new URI("file", null, path.toString(), null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid file path: " + path, e);
    }
  }
}
