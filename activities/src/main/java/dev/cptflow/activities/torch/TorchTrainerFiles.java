package dev.cptflow.activities.torch;

import dev.cptflow.activities.store.CacheRoot;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.workflows.api.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The torch engine's Python files (trainers/torch in the repository), which the build puts into this jar: extracted
 * once per content into {@code $CPT_CACHE_DIR/trainers/torch-<hash>/}, so an interpreter can run them whether the
 * worker runs from the fat jar or from the build's classes.
 *
 * @param dir the extracted directory: {@code train.py}, {@code launch.py}, {@code cpt_torch/}
 */
public record TorchTrainerFiles(Path dir) {
  static final String RESOURCE = "/dev/cptflow/activities/torch/trainer";

  /** {@code {trainer}}: the script each rank runs. */
  public Path trainer() {
    return dir.resolve("train.py");
  }

  /** The torchrun wrapper behind {@code {torchrun}}. */
  public Path launcher() {
    return dir.resolve("launch.py");
  }

  /** The files of this build, extracted under {@code cacheRoot} (the user cache when null). */
  public static TorchTrainerFiles extract(Path cacheRoot) {
    Map<String, byte[]> files = read();
    String hash = contentHash(files);
    Path root = (cacheRoot == null ? CacheRoot.userCache() : cacheRoot).resolve("trainers");
    Path dir = root.resolve("torch-" + hash);
    if (Files.isDirectory(dir)) {
      return new TorchTrainerFiles(dir);
    }
    try {
      Files.createDirectories(root);
      Path temporary = Files.createTempDirectory(root, ".torch-");
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = temporary.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
      try {
        Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException anotherProcessWasFirst) {
        LocalFiles.deleteRecursively(temporary);
        if (!Files.isDirectory(dir)) {
          throw anotherProcessWasFirst;
        }
      }
      return new TorchTrainerFiles(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the torch trainer under " + root + ": " + e.getMessage(), e);
    }
  }

  private static String contentHash(Map<String, byte[]> files) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    files.forEach((name, bytes) -> {
      content.writeBytes((name + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
      content.writeBytes(bytes);
    });
    return Sha256.hex(content.toByteArray()).substring(0, 12);
  }

  /** Every file under the resource directory, by relative path, from a jar or a classes directory alike. */
  private static Map<String, byte[]> read() {
    URL url = TorchTrainerFiles.class.getResource(RESOURCE + "/train.py");
    if (url == null) {
      throw new IllegalStateException("this build has no torch trainer (" + RESOURCE + " is missing from the classpath)");
    }
    try {
      if (url.getProtocol().equals("jar")) {
        try (FileSystem jar = jarFileSystem(url)) {
          return read(jar.getPath(RESOURCE));
        }
      }
      return read(Path.of(url.toURI()).getParent());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the torch trainer from " + url + ": " + e.getMessage(), e);
    }
  }

  private static FileSystem jarFileSystem(URL url) throws IOException, URISyntaxException {
    try {
      return FileSystems.newFileSystem(url.toURI(), Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      // Someone else holds it open; a second one over the same jar file reads the same entries.
      String jar = url.toURI().toString();
      return FileSystems.newFileSystem(Path.of(java.net.URI.create(jar.substring("jar:".length(), jar.indexOf("!/")))));
    }
  }

  private static Map<String, byte[]> read(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> python = paths.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(".py")).toList();
      for (Path path : python) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
      }
    }
    return files;
  }
}
