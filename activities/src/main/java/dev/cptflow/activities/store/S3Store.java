package dev.cptflow.activities.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.cptflow.workflows.api.Sha256;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An {@link ArtifactStore} under {@code s3://bucket/prefix}. */
public final class S3Store implements ArtifactStore {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
  /** S3 deletes at most this many keys per DeleteObjects request. */
  private static final int DELETE_BATCH = 1000;
  /** User metadata ({@code x-amz-meta-cpt-sha256}) holding the object's SHA-256, written with every object. */
  static final String SHA256_METADATA = "cpt-sha256";

  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final S3Config config;
  private volatile boolean batchDeleteSupported = true;

  /** Opens a client for {@code config}; {@code prefix} may be empty. The store owns the client. */
  public S3Store(String bucket, String prefix, S3Config config) {
    this.bucket = checkBucket(bucket);
    this.prefix = StoreKeys.checkPrefix(prefix);
    this.config = config;
    this.client = S3Clients.create(config);
  }

  public static String checkBucket(String bucket) {
    if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
      throw new IllegalArgumentException(
          "invalid S3 bucket name '" + bucket + "': must be 3-63 characters long");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("invalid S3 bucket name '" + bucket
          + "': use lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
    }
    return bucket;
  }

  public String bucket() {
    return bucket;
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public String uri() {
    return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
  }

  @Override
  public String resolveUri(String key) {
    return "s3://" + bucket + "/" + objectKey(key);
  }

  /**
   * Every object carries the SHA-256 of its content in its metadata, computed from the local file before the upload
   * (one read of a local file), so a cache entry can record it later without downloading the object.
   */
  @Override
  public void put(String key, Path file) {
    String objectKey = objectKey(key);
    call("put", key, () -> {
      try {
        Map<String, String> metadata;
        try (InputStream in = Files.newInputStream(file)) {
          metadata = Map.of(SHA256_METADATA, Sha256.hex(in));
        }
        if (Files.size(file) > config.multipartThresholdBytes()) {
          MultipartUpload.upload(client, bucket, objectKey, file, config.partSizeBytes(), metadata);
        } else {
          client.putObject(b -> b.bucket(bucket).key(objectKey).metadata(metadata), RequestBody.fromFile(file));
        }
      } catch (IOException e) {
        throw new ArtifactStoreException("put " + file + " to " + resolveUri(key) + " failed", e);
      }
      return null;
    });
  }

  @Override
  public void putBytes(String key, byte[] bytes) {
    String objectKey = objectKey(key);
    Map<String, String> metadata = Map.of(SHA256_METADATA, Sha256.hex(bytes));
    call("put", key, () -> client.putObject(b -> b.bucket(bucket).key(objectKey).metadata(metadata), RequestBody.fromBytes(bytes)));
  }

  @Override
  public InputStream open(String key) {
    String objectKey = objectKey(key);
    return call("open", key, () -> {
      try {
        return client.getObject(b -> b.bucket(bucket).key(objectKey));
      } catch (NoSuchKeyException e) {
        throw new ArtifactNotFoundException(resolveUri(key), e);
      }
    });
  }

  @Override
  public boolean exists(String key) {
    String objectKey = objectKey(key);
    return call("exists", key, () -> {
      try {
        client.headObject(b -> b.bucket(bucket).key(objectKey));
        return true;
      } catch (NoSuchKeyException e) {
        return false;
      } catch (S3Exception e) {
        // HEAD responses carry no error body, so some servers' 404s arrive without a NoSuchKey code.
        if (e.statusCode() == 404) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public List<StoredObject> listObjects(String listPrefix) {
    String checked = StoreKeys.checkPrefix(listPrefix);
    String s3Prefix = checked.isEmpty() ? rootPrefix() : rootPrefix() + checked + "/";
    return call("list", checked, () -> {
      List<StoredObject> keys = new ArrayList<>();
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(s3Prefix)).contents()) {
        // A key ending in '/' is a folder marker (consoles write them; S3Proxy's filesystem store lists its
        // directories so), never an object of ours: no store key may end in '/'.
        if (!object.key().endsWith("/")) {
          keys.add(new StoredObject(object.key().substring(rootPrefix().length()), object.size()));
        }
      }
      // S3 orders by UTF-8 bytes; sort again so both stores agree on Java String order.
      keys.sort(Comparator.comparing(StoredObject::key));
      return keys;
    });
  }

  @Override
  public Optional<String> recordedSha256(String key) {
    String objectKey = objectKey(key);
    return call("head", key, () -> {
      try {
        return Optional.ofNullable(client.headObject(b -> b.bucket(bucket).key(objectKey)).metadata().get(SHA256_METADATA));
      } catch (NoSuchKeyException e) {
        throw new ArtifactNotFoundException(resolveUri(key), e);
      }
    });
  }

  @Override
  public void delete(String key) {
    String objectKey = objectKey(key);
    call("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(objectKey)));
  }

  @Override
  public void deletePrefix(String deletePrefix) {
    String checked = StoreKeys.checkPrefix(deletePrefix);
    if (checked.isEmpty()) {
      throw new InvalidKeyException(deletePrefix, "deletePrefix needs a non-empty prefix");
    }
    List<String> keys = list(checked);
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<String> batch = keys.subList(from, Math.min(from + DELETE_BATCH, keys.size()));
      if (batchDeleteSupported) {
        batchDeleteSupported = call("delete", checked, () -> deleteBatch(checked, batch));
      }
      if (!batchDeleteSupported) {
        batch.forEach(k -> call("delete", k, () -> client.deleteObject(b -> b.bucket(bucket).key(rootPrefix() + k))));
      }
    }
  }

  /**
   * Deletes up to {@link #DELETE_BATCH} keys in one request; returns false when the server cannot
   * do batch deletes. DeleteObjects is the one call where the SDK always sends a CRC32 checksum
   * header, even with WHEN_REQUIRED, and S3Proxy 2.6.0 and some other S3-compatible stores answer
   * it with 501 NotImplemented (or 400 asking for Content-MD5).
   */
  private boolean deleteBatch(String prefixForMessages, List<String> keys) {
    List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(rootPrefix() + k).build()).toList();
    DeleteObjectsResponse response;
    try {
      response = client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
    } catch (S3Exception e) {
      if (e.statusCode() == 501 || e.statusCode() == 400) {
        return false;
      }
      throw e;
    }
    if (!response.errors().isEmpty()) {
      S3Error first = response.errors().get(0);
      throw new ArtifactStoreException("delete under " + resolveUri(prefixForMessages) + " failed for "
          + response.errors().size() + " keys, first " + first.key() + ": " + first.code() + " " + first.message(),
          null);
    }
    return true;
  }

  @Override
  public void close() {
    client.close();
  }

  /** False once the server has refused a DeleteObjects request; deletes then go one key at a time. */
  boolean batchDeleteSupported() {
    return batchDeleteSupported;
  }

  private String rootPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  private String objectKey(String key) {
    return rootPrefix() + StoreKeys.check(key);
  }

  private <T> T call(String action, String key, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (SdkException e) {
      String where = key.isEmpty() ? uri() : resolveUri(key);
      throw new ArtifactStoreException(action + " " + where + " failed: " + e.getMessage(), e);
    }
  }
}
