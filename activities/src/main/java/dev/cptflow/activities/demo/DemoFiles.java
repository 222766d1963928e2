package dev.cptflow.activities.demo;

import dev.cptflow.activities.store.CacheRoot;
import dev.cptflow.activities.store.LocalScheme;
import dev.cptflow.workflows.api.UriSchemes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The {@code demo:} URI scheme: {@code demo:corpus/*.jsonl}, {@code demo:eval/fpb.txt}, {@code demo:base-model}
 * name files of the seeded demo data set, which is generated (and its base model pre-trained) on first use into
 * the local cache, once per machine. Any worker can resolve them: every machine builds the same bytes.
 */
public final class DemoFiles implements LocalScheme {
  /** The scheme that workers and commands register ({@code LocalSchemes.with(DemoFiles.SCHEME)}). */
  public static final DemoFiles SCHEME = new DemoFiles();
  public static final String PREFIX = UriSchemes.DEMO;
  public static final long SEED = 1234;

  private DemoFiles() {}

  @Override
  public String prefix() {
    return PREFIX;
  }

  /** The local path a {@code demo:} URI names (globs kept), after making sure the demo set exists. */
  @Override
  public String localPath(String uri) {
    String relative = uri.substring(PREFIX.length()).replaceFirst("^/+", "");
    return ensure(cacheRoot()).resolve(relative).toString();
  }

  /**
   * The {@code demo:} URI of a file of the demo set on this machine. Document ids hash a file's URI, so demo
   * documents get the same ids wherever the cache lies, as the cache keys (which hold the {@code demo:} URI) assume.
   */
  @Override
  public String uriOf(Path localFile) {
    Path relative = ensure(cacheRoot()).toAbsolutePath().normalize().relativize(localFile.toAbsolutePath().normalize());
    return PREFIX + relative.toString().replace('\\', '/');
  }

  /** {@code demo/v<version>} in the machine's {@link CacheRoot}. */
  static Path cacheRoot() {
    return CacheRoot.userCache().resolve("demo").resolve("v" + DemoData.VERSION);
  }

  /** How the two parts of the demo set are made; tests swap in quick ones to check the locking. */
  interface Builder {
    void writeData(Path staging) throws IOException;

    void buildModel(Path dir) throws IOException;
  }

  private static final Builder DEMO = new Builder() {
    @Override
    public void writeData(Path staging) throws IOException {
      DemoData.write(staging, SEED);
    }

    @Override
    public void buildModel(Path dir) throws IOException {
      DemoBaseModel.build(dir, SEED);
    }
  };

  /** One builder at a time in this JVM; see {@link #ensure(Path, Builder)}. */
  private static final Object BUILDING = new Object();

  static Path ensure(Path dir) {
    return ensure(dir, DEMO);
  }

  /**
   * Generates the data and the base model into {@code dir} unless they are there. A file lock keeps two worker
   * processes on one machine from building it twice; the data appears by an atomic rename, so a crash midway leaves
   * nothing that looks complete. Activities of one worker (a sweep's ingest and eval of the base model start
   * together) queue on a monitor first: a JVM holds a file lock for all its threads, so a second thread asking for
   * it gets an OverlappingFileLockException instead of waiting, and its activity would fail and back off.
   */
  static Path ensure(Path dir, Builder builder) {
    if (Files.isDirectory(dir.resolve(DemoBaseModel.DIR))) {
      return dir;
    }
    synchronized (BUILDING) {
      try {
        Files.createDirectories(dir.getParent());
        try (FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          if (!Files.isDirectory(dir)) {
            Path staging = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".staging-");
            builder.writeData(staging);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
          }
          if (!Files.isDirectory(dir.resolve(DemoBaseModel.DIR))) {
            builder.buildModel(dir);
          }
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot build the demo data set in " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
