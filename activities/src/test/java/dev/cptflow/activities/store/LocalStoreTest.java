package dev.cptflow.activities.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalStoreTest {
  @TempDir Path tmp;

  private LocalStore store() {
    return new LocalStore(tmp.resolve("store"));
  }

  @Test
  void putReadListExistsDeletePrefixRoundTrip() throws IOException {
    LocalStore store = store();
    Path src = Files.writeString(tmp.resolve("src.bin"), "shard bytes");
    store.put("cas/score/abc/shard-00017.parquet", src);
    store.putString("cas/score/abc/meta.json", "{\"n\":1}");
    store.putBytes("sweeps/s1/graph.json", new byte[] {1, 2, 3});

    assertEquals("shard bytes", store.readString("cas/score/abc/shard-00017.parquet"));
    assertArrayEquals(new byte[] {1, 2, 3}, store.readBytes("sweeps/s1/graph.json"));
    assertEquals(Optional.of("{\"n\":1}"), store.readStringIfExists("cas/score/abc/meta.json"));
    assertEquals(Optional.empty(), store.readStringIfExists("cas/score/abc/missing.json"));
    assertTrue(store.exists("sweeps/s1/graph.json"));
    assertFalse(store.exists("sweeps/s1"), "a directory is not a key");

    assertEquals(List.of("cas/score/abc/meta.json", "cas/score/abc/shard-00017.parquet", "sweeps/s1/graph.json"),
        store.list(""));
    assertEquals(List.of("cas/score/abc/meta.json", "cas/score/abc/shard-00017.parquet"), store.list("cas/score/"));
    assertEquals(List.of(), store.list("cas/sc"), "prefixes match whole segments");

    store.putString("sweeps/s1/graph.json", "replaced");
    assertEquals("replaced", store.readString("sweeps/s1/graph.json"));

    store.deletePrefix("cas");
    assertEquals(List.of("sweeps/s1/graph.json"), store.list(""));
    assertFalse(Files.exists(store.root().resolve("cas")));
    assertThrows(InvalidKeyException.class, () -> store.deletePrefix(""));
  }

  @Test
  void missingKeyThrowsNotFoundNamingItsUri() {
    LocalStore store = store();
    ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> store.open("a/missing.txt"));
    assertTrue(e.getMessage().contains(store.resolveUri("a/missing.txt")), e.getMessage());
    assertTrue(store.resolveUri("a/missing.txt").startsWith("file:/"), store.resolveUri("a/missing.txt"));
    assertThrows(ArtifactNotFoundException.class, () -> store.fetch("a/missing.txt", tmp.resolve("out")));
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void fetchCopiesToDestination() throws IOException {
    LocalStore store = store();
    store.putString("x/y.txt", "hello");
    Path dest = tmp.resolve("downloads/deep/y.txt");
    store.fetch("x/y.txt", dest);
    assertEquals("hello", Files.readString(dest));
    try (Stream<Path> files = Files.list(dest.getParent())) {
      assertEquals(List.of(dest), files.toList(), "no temp file left beside the destination");
    }
  }

  @Test
  void atomicPutLeavesNoTempFilesVisible() throws Exception {
    LocalStore store = store();
    byte[] a = new byte[256 * 1024];
    byte[] b = new byte[256 * 1024];
    Arrays.fill(a, (byte) 'a');
    Arrays.fill(b, (byte) 'b');
    store.putBytes("k/obj", a);

    AtomicBoolean done = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 200; i++) {
        store.putBytes("k/obj", i % 2 == 0 ? b : a);
      }
      done.set(true);
    });
    writer.start();
    int reads = 0;
    while (!done.get() || reads == 0) {
      byte[] seen = store.readBytes("k/obj");
      assertTrue(Arrays.equals(seen, a) || Arrays.equals(seen, b), "reader saw a partial or mixed object");
      assertEquals(List.of("k/obj"), store.list("k"), "temp files must never be listed");
      reads++;
    }
    writer.join();

    // A temp file left by a crashed writer stays hidden too.
    Files.writeString(store.root().resolve("k/.tmp-crashed"), "partial");
    assertEquals(List.of("k/obj"), store.list(""));
    try (Stream<Path> files = Files.walk(store.root())) {
      assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count(),
          "only the simulated crash leftover remains");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "/etc/passwd", "a//b", "a\\b", "", "a/./b", "a/..", "x\u0001y"})
  void unsafeKeysAreRejectedByEveryMethod(String key) {
    LocalStore store = store();
    assertThrows(InvalidKeyException.class, () -> store.putString(key, "x"));
    assertThrows(InvalidKeyException.class, () -> store.put(key, tmp));
    assertThrows(InvalidKeyException.class, () -> store.open(key));
    assertThrows(InvalidKeyException.class, () -> store.exists(key));
    assertThrows(InvalidKeyException.class, () -> store.fetch(key, tmp.resolve("f")));
    assertThrows(InvalidKeyException.class, () -> store.resolveUri(key));
    if (!key.isEmpty()) {
      assertThrows(InvalidKeyException.class, () -> store.list(key));
      assertThrows(InvalidKeyException.class, () -> store.deletePrefix(key));
      assertThrows(InvalidKeyException.class, () -> store.markSuccess(key));
    }
  }

  @Test
  void normalisationCannotEscapeTheRoot() throws IOException {
    LocalStore store = store();
    Path sibling = Files.createDirectories(tmp.resolve("store-evil"));
    Path secret = Files.writeString(sibling.resolve("secret"), "keep");
    for (String key : List.of("../store-evil/secret", "a/../../store-evil/secret", "a/b/../../../store-evil/secret",
        "./../store-evil/secret", "a/%2e%2e/..", "..")) {
      assertThrows(InvalidKeyException.class, () -> store.putString(key, "pwned"), key);
      assertThrows(InvalidKeyException.class, () -> store.deletePrefix(key), key);
      assertThrows(InvalidKeyException.class, () -> store.readString(key), key);
    }
    assertEquals("keep", Files.readString(secret));
    try (Stream<Path> top = Files.list(tmp)) {
      assertEquals(List.of("store", "store-evil"), top.map(p -> p.getFileName().toString()).sorted().toList());
    }
    // Percent signs are ordinary characters: this is a literal directory inside the root.
    store.putString("a/%2e%2e/x", "ok");
    assertTrue(Files.exists(store.root().resolve("a/%2e%2e/x")));
  }

  @Test
  void markSuccessMakesPrefixComplete() {
    LocalStore store = store();
    assertFalse(store.isComplete("cas/score/abc"));
    store.putString("cas/score/abc/shard-00000.parquet", "data");
    assertFalse(store.isComplete("cas/score/abc"), "outputs alone do not mean complete");
    store.markSuccess("cas/score/abc");
    assertTrue(store.isComplete("cas/score/abc"));
    assertTrue(store.isComplete("cas/score/abc/"));
    assertFalse(store.isComplete("cas/score"));
    assertArrayEquals(new byte[0], store.readBytes("cas/score/abc/_SUCCESS"));
    assertEquals(List.of("cas/score/abc/_SUCCESS", "cas/score/abc/shard-00000.parquet"), store.list("cas"));
  }

  @Test
  void uriIsAbsoluteFileUri() {
    LocalStore store = store();
    assertEquals("file:" + tmp.resolve("store").toAbsolutePath(), store.uri());
    assertEquals(store.uri() + "/a/b.txt", store.resolveUri("a/b.txt"));
  }

  @Test
  void stringsAreUtf8() {
    LocalStore store = store();
    store.putString("u.txt", "caf\u00e9 \u2713");
    assertArrayEquals("caf\u00e9 \u2713".getBytes(StandardCharsets.UTF_8), store.readBytes("u.txt"));
    assertEquals("caf\u00e9 \u2713", store.readString("u.txt"));
  }
}
