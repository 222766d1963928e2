package dev.cptflow.activities.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open store per root URI for the whole worker process. Requests name their store by URI; the
 * worker supplies what must never travel in a payload (S3 endpoint settings and credentials).
 */
public final class StoreRegistry implements AutoCloseable {
  private final S3Config s3;
  private final Map<String, ArtifactStore> open = new ConcurrentHashMap<>();

  public StoreRegistry(S3Config s3) {
    this.s3 = s3;
  }

  public ArtifactStore open(String storeUri) {
    return open.computeIfAbsent(storeUri, uri -> ArtifactStores.open(uri, s3));
  }

  @Override
  public void close() {
    open.values().forEach(ArtifactStore::close);
    open.clear();
  }
}
