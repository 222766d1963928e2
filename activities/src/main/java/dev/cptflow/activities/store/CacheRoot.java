package dev.cptflow.activities.store;

import java.nio.file.Path;

/**
 * The machine's local cache of downloaded artifacts, work directories and the demo data set:
 * {@code $CPT_CACHE_DIR}, else the {@code cpt.cache.dir} system property (tests), else {@code ~/.cache/cpt}.
 */
public final class CacheRoot {
  public static final String ENV = "CPT_CACHE_DIR";
  public static final String PROPERTY = "cpt.cache.dir";

  private CacheRoot() {}

  public static Path userCache() {
    String configured = System.getenv(ENV);
    if (configured == null || configured.isBlank()) {
      configured = System.getProperty(PROPERTY);
    }
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "cpt");
  }
}
