package dev.cptflow.activities.store;

import dev.cptflow.workflows.api.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where every pipeline stage reads and writes artifacts, under relative '/'-separated keys such
 * as {@code cas/score/<sha256>/shard-00017.parquet}. Keys are validated by {@link StoreKeys}.
 *
 * <p>Writes are atomic: a reader sees either no object or the whole object. Producers write
 * {@code <prefix>/_SUCCESS} last, so {@link #isComplete} means every output under the prefix is
 * final. Failures surface as unchecked {@link ArtifactStoreException}s naming the key's full URI.
 */
public interface ArtifactStore extends AutoCloseable {

  /** Root of the store, e.g. {@code file:/abs/root} or {@code s3://bucket/prefix}. */
  String uri();

  /** Full URI of a key, for messages and for reading it with other tools. */
  String resolveUri(String key);

  /** Uploads a local file atomically. */
  void put(String key, Path file);

  /** Writes bytes atomically. */
  void putBytes(String key, byte[] bytes);

  default void putString(String key, String text) {
    putBytes(key, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Opens the object for reading; the caller closes the stream. */
  InputStream open(String key);

  default byte[] readBytes(String key) {
    try (InputStream in = open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ArtifactStoreException("read failed: " + resolveUri(key), e);
    }
  }

  default String readString(String key) {
    return new String(readBytes(key), StandardCharsets.UTF_8);
  }

  default Optional<String> readStringIfExists(String key) {
    try {
      return Optional.of(readString(key));
    } catch (ArtifactNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Downloads the object to a local file; the destination appears only once complete. */
  default void fetch(String key, Path destination) {
    try (InputStream in = open(key)) {
      LocalFiles.writeAtomically(destination, in);
    } catch (IOException e) {
      throw new ArtifactStoreException("fetch " + resolveUri(key) + " to " + destination + " failed", e);
    }
  }

  boolean exists(String key);

  /** An object's key (relative to the root) and its size in bytes. */
  record StoredObject(String key, long size) {}

  /** All objects under the prefix ("" for the whole store), recursive, sorted by key, with their sizes. */
  List<StoredObject> listObjects(String prefix);

  /** All keys under the prefix ("" for the whole store), recursive, sorted, relative to the root. */
  default List<String> list(String prefix) {
    return listObjects(prefix).stream().map(StoredObject::key).toList();
  }

  /**
   * The SHA-256 (hex) the writer computed when it stored the object, where the store keeps one beside the object
   * (S3 object metadata), so it can be known without reading the object; empty where it cannot.
   */
  default Optional<String> recordedSha256(String key) {
    return Optional.empty();
  }

  /** Reads the whole object once and returns its SHA-256 (hex). */
  default String sha256(String key) {
    try (InputStream in = open(key)) {
      return Sha256.hex(in);
    } catch (IOException e) {
      throw new ArtifactStoreException("read failed: " + resolveUri(key), e);
    }
  }

  /** Deletes one object; nothing happens when there is none. */
  void delete(String key);

  /** Deletes every key under the prefix. The empty prefix is refused, so a typo cannot wipe a store. */
  void deletePrefix(String prefix);

  /** Call after every output under the prefix is written. */
  default void markSuccess(String prefix) {
    putBytes(StoreKeys.join(prefix, StoreKeys.SUCCESS), new byte[0]);
  }

  default boolean isComplete(String prefix) {
    return exists(StoreKeys.join(prefix, StoreKeys.SUCCESS));
  }

  @Override
  void close();
}
