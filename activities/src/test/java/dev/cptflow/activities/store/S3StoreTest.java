package dev.cptflow.activities.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link S3Store} against a real S3 API: S3Proxy on loopback. */
class S3StoreTest {
  private static S3ProxyServer server;
  private static FlakyProxy flaky;
  private static int bucketCounter;

  @TempDir Path tmp;

  @BeforeAll
  static void startServers() throws Exception {
    server = new S3ProxyServer();
    flaky = new FlakyProxy(server.port());
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (flaky != null) {
      flaky.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static synchronized String newBucket() {
    String bucket = "cpt-test-" + (++bucketCounter);
    server.createBucket(bucket);
    return bucket;
  }

  @Test
  void putReadListExistsDeletePrefixRoundTrip() throws Exception {
    String bucket = newBucket();
    try (S3Store store = new S3Store(bucket, "runs/r1", server.config());
        S3Client raw = S3Clients.create(server.config())) {
      assertEquals("s3://" + bucket + "/runs/r1", store.uri());
      store.put("cas/score/abc/shard-00017.parquet", Files.writeString(tmp.resolve("f"), "shard bytes"));
      store.putString("cas/score/abc/meta.json", "{\"n\":1}");
      store.putBytes("sweeps/s1/graph.json", new byte[] {1, 2, 3});
      store.putString("cas/scorex/other", "sibling");

      assertEquals("shard bytes", store.readString("cas/score/abc/shard-00017.parquet"));
      assertArrayEquals(new byte[] {1, 2, 3}, store.readBytes("sweeps/s1/graph.json"));
      assertEquals(Optional.empty(), store.readStringIfExists("nope"));
      assertTrue(store.exists("cas/score/abc/meta.json"));
      assertFalse(store.exists("cas/score/abc/missing.json"));
      // Objects live under the store prefix in the bucket.
      assertEquals("{\"n\":1}", raw.getObjectAsBytes(b -> b.bucket(bucket).key("runs/r1/cas/score/abc/meta.json"))
          .asUtf8String());

      assertEquals(List.of("cas/score/abc/meta.json", "cas/score/abc/shard-00017.parquet"), store.list("cas/score"));
      assertEquals(4, store.list("").size());

      Path dest = tmp.resolve("out/meta.json");
      store.fetch("cas/score/abc/meta.json", dest);
      assertEquals("{\"n\":1}", Files.readString(dest));

      store.deletePrefix("cas/score");
      assertEquals(List.of("cas/scorex/other", "sweeps/s1/graph.json"), store.list(""));
      assertFalse(store.exists("cas/score/abc/meta.json"));
      assertThrows(InvalidKeyException.class, () -> store.deletePrefix(""));
    }
  }

  @Test
  void listingSkipsFolderMarkersAndGivesSizesAndEveryObjectCarriesItsSha256() throws Exception {
    String bucket = newBucket();
    try (S3Store store = new S3Store(bucket, "p", server.config());
        S3Client raw = S3Clients.create(server.config())) {
      store.put("cas/train/k/checkpoints/step-10/logs/losses.jsonl", Files.writeString(tmp.resolve("l"), "{}\n"));
      store.putString("cas/train/k/checkpoints/step-10/trainer_state.json", "{\"step\":10}");
      // What a console's "create folder" (or S3Proxy's filesystem store listing a directory) shows.
      raw.putObject(b -> b.bucket(bucket).key("p/cas/train/k/checkpoints/step-10/logs/"), RequestBody.empty());

      assertEquals(List.of(new ArtifactStore.StoredObject("cas/train/k/checkpoints/step-10/logs/losses.jsonl", 3),
          new ArtifactStore.StoredObject("cas/train/k/checkpoints/step-10/trainer_state.json", 11)),
          store.listObjects("cas/train/k"));
      assertEquals(Optional.of(Sha256.hex("{}\n")), store.recordedSha256("cas/train/k/checkpoints/step-10/logs/losses.jsonl"));
      assertEquals(Sha256.hex("{\"step\":10}"), store.sha256("cas/train/k/checkpoints/step-10/trainer_state.json"));
      store.delete("cas/train/k/checkpoints/step-10/trainer_state.json");
      assertFalse(store.exists("cas/train/k/checkpoints/step-10/trainer_state.json"));
    }
  }

  @Test
  void missingKeyThrowsNotFoundNamingItsUri() {
    try (S3Store store = new S3Store(newBucket(), "", server.config())) {
      ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> store.open("a/missing"));
      assertTrue(e.getMessage().contains("s3://" + store.bucket() + "/a/missing"), e.getMessage());
      assertThrows(ArtifactNotFoundException.class, () -> store.fetch("a/missing", tmp.resolve("x")));
      assertFalse(Files.exists(tmp.resolve("x")));
    }
  }

  @Test
  void listPaginatesPastOneThousandKeysAndDeletePrefixBatches() throws Exception {
    try (S3Store store = new S3Store(newBucket(), "p", server.config())) {
      int n = 1_005;
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> puts = IntStream.range(0, n)
            .<Future<?>>mapToObj(i -> pool.submit(() -> store.putString(String.format("many/k-%05d", i), "v" + i)))
            .toList();
        for (Future<?> put : puts) {
          put.get();
        }
      } finally {
        pool.shutdown();
      }
      store.putString("keep/me", "x");

      List<String> keys = store.list("many");
      assertEquals(n, keys.size(), "ListObjectsV2 returns at most 1000 keys per page");
      assertEquals("many/k-00000", keys.get(0));
      assertEquals(String.format("many/k-%05d", n - 1), keys.get(n - 1));

      store.deletePrefix("many/");
      assertEquals(List.of("keep/me"), store.list(""));
      assertFalse(store.batchDeleteSupported(), "S3Proxy 2.6.0 refuses the CRC32 header DeleteObjects always carries");
    }
  }

  @Test
  void deletePrefixUsesBatchDeleteWhereTheServerSupportsIt() throws Exception {
    try (S3ProxyServer lenient = new S3ProxyServer(true)) {
      lenient.createBucket("batch-delete");
      try (S3Store store = new S3Store("batch-delete", "", lenient.config())) {
        for (int i = 0; i < 5; i++) {
          store.putString("cas/x/k" + i, "v");
        }
        store.putString("cas/xy/k", "sibling");
        store.deletePrefix("cas/x");
        assertEquals(List.of("cas/xy/k"), store.list(""));
        assertTrue(store.batchDeleteSupported());
      }
    }
  }

  @Test
  void multipartUploadOfLargeFileIsByteIdentical() throws Exception {
    S3Config config = server.config()
        .withMultipartThresholdBytes(6 * S3Config.MIB)
        .withPartSizeBytes(5 * S3Config.MIB);
    byte[] data = new byte[13 * 1024 * 1024];
    new Random(20240611L).nextBytes(data);
    Path file = Files.write(tmp.resolve("big.bin"), data);
    String bucket = newBucket();
    try (S3Store store = new S3Store(bucket, "", config); S3Client raw = S3Clients.create(config)) {
      store.put("cas/train/big.bin", file);
      assertArrayEquals(data, store.readBytes("cas/train/big.bin"));
      // A multipart object's ETag ends in "-<part count>": 13 MiB in 5 MiB parts is 3 parts.
      String etag = raw.headObject(b -> b.bucket(bucket).key("cas/train/big.bin")).eTag();
      assertTrue(etag.replace("\"", "").endsWith("-3"), "expected a 3-part upload, ETag " + etag);
      assertTrue(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty(), "no upload left open");

      Path dest = tmp.resolve("back.bin");
      store.fetch("cas/train/big.bin", dest);
      assertArrayEquals(data, Files.readAllBytes(dest));
    }
  }

  @Test
  void markSuccessMakesPrefixComplete() {
    try (S3Store store = new S3Store(newBucket(), "root", server.config())) {
      assertFalse(store.isComplete("cas/score/abc"));
      store.putString("cas/score/abc/shard-00000.parquet", "data");
      assertFalse(store.isComplete("cas/score/abc"));
      store.markSuccess("cas/score/abc");
      assertTrue(store.isComplete("cas/score/abc"));
      assertFalse(store.isComplete("cas/score"));
      assertEquals(List.of("cas/score/abc/_SUCCESS", "cas/score/abc/shard-00000.parquet"), store.list("cas"));
    }
  }

  @Test
  void unsafeKeysAreRejectedBeforeAnyRequest() {
    String bucket = newBucket();
    try (S3Store store = new S3Store(bucket, "root", server.config())) {
      for (String key : List.of("../x", "/etc/passwd", "a//b", "a\\b", "a/./b", "", "a\u0007")) {
        assertThrows(InvalidKeyException.class, () -> store.putString(key, "x"), key);
        assertThrows(InvalidKeyException.class, () -> store.open(key), key);
        assertThrows(InvalidKeyException.class, () -> store.exists(key), key);
        assertThrows(InvalidKeyException.class, () -> store.resolveUri(key), key);
      }
      assertThrows(InvalidKeyException.class, () -> store.list("../"));
      assertThrows(InvalidKeyException.class, () -> store.deletePrefix("a//b"));
      assertEquals(List.of(), store.list(""));
    }
    assertThrows(InvalidKeyException.class, () -> new S3Store(bucket, "a/../b", server.config()));
  }

  @Test
  void openS3UriThroughArtifactStores() {
    String bucket = newBucket();
    try (ArtifactStore store = ArtifactStores.open("s3://" + bucket + "/exp/", server.config())) {
      assertInstanceOf(S3Store.class, store);
      assertEquals("s3://" + bucket + "/exp", store.uri());
      store.putString("sweeps/s1/spec.yaml", "a: 1");
      assertEquals("s3://" + bucket + "/exp/sweeps/s1/spec.yaml", store.resolveUri("sweeps/s1/spec.yaml"));
      assertEquals("a: 1", store.readString("sweeps/s1/spec.yaml"));
    }
  }

  @Test
  void transientSlowDownIsRetried() {
    String bucket = newBucket();
    S3Config viaFlaky = S3ProxyServer.config(java.net.URI.create("http://127.0.0.1:" + flaky.port()))
        .withMaxAttempts(4);
    try (S3Store store = new S3Store(bucket, "", viaFlaky)) {
      flaky.failNext(2);
      store.putString("retry/obj", "survived");
      assertEquals(2, flaky.failedRequests(), "the first two attempts were answered with 503 SlowDown");
      assertTrue(flaky.forwardedConnections() >= 1);
    }
    // A fresh client, because the proxy decides per connection and the old one is pooled.
    try (S3Store store = new S3Store(bucket, "", viaFlaky)) {
      flaky.failNext(2);
      assertEquals("survived", store.readString("retry/obj"));
      assertEquals(2, flaky.failedRequests());
    }
  }

  @Test
  void withoutRetriesSlowDownFailsClearly() {
    String bucket = newBucket();
    S3Config viaFlaky = S3ProxyServer.config(java.net.URI.create("http://127.0.0.1:" + flaky.port()))
        .withMaxAttempts(1);
    try (S3Store store = new S3Store(bucket, "", viaFlaky)) {
      flaky.failNext(1);
      ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.putString("retry/obj", "x"));
      assertEquals(1, flaky.failedRequests(), "exactly one attempt");
      assertTrue(e.getMessage().startsWith("put s3://" + bucket + "/retry/obj failed"), e.getMessage());
      S3Exception cause = assertInstanceOf(S3Exception.class, e.getCause());
      assertEquals(503, cause.statusCode());
      assertEquals("SlowDown", cause.awsErrorDetails().errorCode());
    }
  }
}
