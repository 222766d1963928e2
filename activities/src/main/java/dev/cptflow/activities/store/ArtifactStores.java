package dev.cptflow.activities.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Opens the store named by a URI: {@code s3://bucket/prefix}, {@code file:/abs/path} or a plain path. */
public final class ArtifactStores {
  // A scheme followed by '/', so plain paths that merely contain ':' stay local paths.
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):/.*");

  private ArtifactStores() {}

  /** {@code s3} may be null, meaning {@link S3Config#defaults()}; it is ignored for local stores. */
  public static ArtifactStore open(String uri, S3Config s3) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("store URI must not be empty");
    }
    var scheme = SCHEME.matcher(uri);
    if (!scheme.matches()) {
      return new LocalStore(Path.of(uri));
    }
    return switch (scheme.group(1).toLowerCase(java.util.Locale.ROOT)) {
      case "s3" -> openS3(uri, s3 == null ? S3Config.defaults() : s3);
      case "file" -> new LocalStore(localPath(uri));
      default -> throw new IllegalArgumentException(
          "unsupported store URI '" + uri + "': use s3://bucket/prefix, file:/abs/path or a plain path");
    };
  }

  private static ArtifactStore openS3(String uri, S3Config s3) {
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("invalid S3 URI '" + uri + "': expected s3://bucket/prefix");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    return new S3Store(bucket, prefix, s3);
  }

  private static Path localPath(String uri) {
    try {
      return Path.of(java.net.URI.create(uri));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid file URI '" + uri + "': " + e.getMessage(), e);
    }
  }
}
