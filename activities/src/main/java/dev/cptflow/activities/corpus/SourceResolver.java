package dev.cptflow.activities.corpus;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.LocalScheme;
import dev.cptflow.activities.store.LocalSchemes;
import dev.cptflow.workflows.api.UriSchemes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Expands a source URI into the concrete files it names, sorted, so the same URI always yields the same
 * files in the same order (document ids and the dedup winner depend on it). Accepts plain paths
 * (relative or absolute), {@code file:/abs/path} and {@code s3://bucket/key}, each with glob patterns
 * ({@code *}, {@code ?}, {@code **}, {@code [ab]}, {@code {a,b}}) in the usual {@code glob:} syntax, and the
 * registered {@link LocalSchemes} (the demo data set's {@code demo:path}).
 */
public final class SourceResolver {
  private final Function<String, ArtifactStore> stores;
  private final LocalSchemes schemes;

  /** @param stores opens the store rooted at a bucket, {@code s3://bucket} (e.g. {@code StoreRegistry::open}) */
  public SourceResolver(Function<String, ArtifactStore> stores, LocalSchemes schemes) {
    this.stores = stores;
    this.schemes = schemes;
  }

  public SourceResolver(Function<String, ArtifactStore> stores) {
    this(stores, LocalSchemes.none());
  }

  /**
   * The files {@code uri} names; throws {@link IllegalArgumentException} naming {@code uri} when none match or its
   * scheme is not one {@link UriSchemes} lists.
   */
  public List<InputFile> resolve(String uri) {
    String unsupported = UriSchemes.problem(uri);
    if (unsupported != null) {
      throw new IllegalArgumentException("source '" + uri + "': " + unsupported);
    }
    List<InputFile> files = uri.startsWith("s3://") ? resolveStored(uri)
        : schemes.of(uri).map(scheme -> resolveNamed(scheme, uri)).orElseGet(() -> resolveLocal(schemes.localPath(uri)));
    if (files.isEmpty()) {
      throw new IllegalArgumentException("source '" + uri + "' matches no files");
    }
    return files;
  }

  /** A scheme's files are read from this machine but keep their scheme's names, so their ids do not move. */
  private static List<InputFile> resolveNamed(LocalScheme scheme, String uri) {
    return resolveLocal(scheme.localPath(uri)).stream()
        .map(file -> {
          Path path = Path.of(file.uri().substring("file:".length()));
          return InputFile.named(scheme.uriOf(path), path);
        })
        .toList();
  }

  private static List<InputFile> resolveLocal(String pattern) {
    int glob = firstGlobChar(pattern);
    if (glob < 0) {
      Path file = Path.of(pattern);
      return Files.isRegularFile(file) ? List.of(InputFile.local(file)) : List.of();
    }
    int slash = pattern.lastIndexOf('/', glob);
    Path base = Path.of(slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash)).toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher = base.getFileSystem().getPathMatcher("glob:" + pattern.substring(slash + 1));
    try (Stream<Path> walk = Files.walk(base)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> matcher.matches(base.relativize(file)))
          .sorted()
          .map(InputFile::local)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
    }
  }

  private List<InputFile> resolveStored(String uri) {
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("source '" + uri + "': expected s3://bucket/key or s3://bucket/prefix/*.ext");
    }
    ArtifactStore bucket = stores.apply("s3://" + rest.substring(0, slash));
    String pattern = rest.substring(slash + 1);
    int glob = firstGlobChar(pattern);
    if (glob < 0) {
      return bucket.exists(pattern) ? List.of(InputFile.stored(bucket, pattern)) : List.of();
    }
    // Listing is by directory: the literal part of the pattern up to its last '/' before the first glob character.
    int directoryEnd = pattern.lastIndexOf('/', glob);
    String directory = directoryEnd < 0 ? "" : pattern.substring(0, directoryEnd);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    List<InputFile> files = new ArrayList<>();
    for (String key : bucket.list(directory)) {
      if (matcher.matches(Path.of(key))) {
        files.add(InputFile.stored(bucket, key));
      }
    }
    return files;
  }

  private static int firstGlobChar(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
