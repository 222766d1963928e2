package dev.cptflow.activities.ledger;

import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.ArtifactStore.StoredObject;
import dev.cptflow.activities.store.Json;
import dev.cptflow.activities.store.StoreKeys;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a cache entry promises about its node's artifacts: every object under {@code cas/<stage>/<key>/} (its
 * {@code result.json} too), with its size and SHA-256, written beside them as {@value #FILE} before {@code _SUCCESS}.
 * A hit is used only if it still holds. Bookkeeping objects (names starting with {@code _}: the marker, leases) are
 * not artifacts.
 *
 * @param artifacts keyed by the object's key relative to the node's prefix
 */
public record CacheManifest(SortedMap<String, Artifact> artifacts) {
  public static final String FILE = "manifest.json";
  /**
   * Objects up to this size are hashed on every hit; larger ones only with {@code --verify-cache}. Reading them is
   * then cheap next to recomputing the node; a model's weights are not.
   */
  static final long CHEAP_HASH_BYTES = 8L << 20;

  public record Artifact(long size, String sha256) {}

  public CacheManifest {
    artifacts = new TreeMap<>(artifacts);
  }

  /**
   * Lists the node's objects and their hashes: the one the writer recorded with the object where the store keeps it,
   * else by reading the object.
   */
  static CacheManifest of(ArtifactStore store, String prefix) {
    SortedMap<String, Artifact> artifacts = new TreeMap<>();
    for (StoredObject object : store.listObjects(prefix)) {
      String name = object.key().substring(prefix.length() + 1);
      if (isArtifact(name)) {
        String sha256 = store.recordedSha256(object.key()).orElseGet(() -> store.sha256(object.key()));
        artifacts.put(name, new Artifact(object.size(), sha256));
      }
    }
    return new CacheManifest(artifacts);
  }

  static boolean isArtifact(String name) {
    return !name.equals(FILE) && !name.startsWith("_");
  }

  static Optional<CacheManifest> read(ArtifactStore store, String prefix) {
    return store.readStringIfExists(StoreKeys.join(prefix, FILE)).map(json -> Json.read(json, CacheManifest.class));
  }

  String json() {
    return Json.write(this);
  }

  /**
   * What no longer matches, naming the artifact, or empty when everything does: every artifact must be there with its
   * recorded size; those up to {@link #CHEAP_HASH_BYTES} (all of them with {@code hashAll}) must hash as recorded.
   */
  Optional<String> mismatch(ArtifactStore store, String prefix, boolean hashAll) {
    Map<String, Long> sizes = new TreeMap<>();
    store.listObjects(prefix).forEach(object -> sizes.put(object.key(), object.size()));
    for (Map.Entry<String, Artifact> entry : artifacts.entrySet()) {
      String key = StoreKeys.join(prefix, entry.getKey());
      Long size = sizes.get(key);
      if (size == null) {
        return Optional.of(store.resolveUri(key) + " is missing");
      }
      if (size != entry.getValue().size()) {
        return Optional.of(String.format(Locale.ROOT, "%s is %,d bytes, its cache entry recorded %,d",
            store.resolveUri(key), size, entry.getValue().size()));
      }
    }
    for (Map.Entry<String, Artifact> entry : artifacts.entrySet()) {
      if (hashAll || entry.getValue().size() <= CHEAP_HASH_BYTES) {
        String key = StoreKeys.join(prefix, entry.getKey());
        String sha256 = store.sha256(key);
        if (!sha256.equals(entry.getValue().sha256())) {
          return Optional.of(store.resolveUri(key) + " has SHA-256 " + sha256.substring(0, 12)
              + "…, its cache entry recorded " + entry.getValue().sha256().substring(0, 12) + "…");
        }
      }
    }
    return Optional.empty();
  }
}
