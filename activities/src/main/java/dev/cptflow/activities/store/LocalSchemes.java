package dev.cptflow.activities.store;

import dev.cptflow.workflows.api.UriSchemes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link LocalScheme}s a worker or a command knows, besides paths, {@code file:} and {@code s3://}. */
public final class LocalSchemes {
  private static final LocalSchemes NONE = new LocalSchemes(List.of());

  private final List<LocalScheme> schemes;

  private LocalSchemes(List<LocalScheme> schemes) {
    this.schemes = List.copyOf(schemes);
  }

  public static LocalSchemes none() {
    return NONE;
  }

  /** Adds {@code scheme}, which {@link UriSchemes} must list: a spec naming a scheme it does not know is refused. */
  public LocalSchemes with(LocalScheme scheme) {
    if (!UriSchemes.PREFIXES.contains(scheme.prefix())) {
      throw new IllegalArgumentException("URI scheme '" + scheme.prefix() + "' is not in UriSchemes.PREFIXES, so no spec"
          + " could name it");
    }
    List<LocalScheme> all = new ArrayList<>(schemes);
    all.add(scheme);
    return new LocalSchemes(all);
  }

  /** The scheme {@code uri} belongs to, if a registered one. */
  public Optional<LocalScheme> of(String uri) {
    return schemes.stream().filter(scheme -> uri.startsWith(scheme.prefix())).findFirst();
  }

  /** The local path a URI names: a registered scheme's file, {@code file:} without its prefix, or the path itself. */
  public String localPath(String uri) {
    Optional<LocalScheme> scheme = of(uri);
    if (scheme.isPresent()) {
      return scheme.get().localPath(uri);
    }
    if (!uri.startsWith("file:")) {
      return uri;
    }
    // file:/a, file:///a; not URI parsing, which rejects glob characters.
    String path = uri.substring("file:".length());
    return path.startsWith("///") ? path.substring(2) : path;
  }
}
