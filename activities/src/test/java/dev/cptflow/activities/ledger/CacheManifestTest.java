package dev.cptflow.activities.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.LocalStore;
import dev.cptflow.workflows.api.Sha256;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache entry's manifest against the artifacts it describes, in a real local store. */
class CacheManifestTest {
  private static final String NODE = "cas/train/abc";

  @TempDir Path dir;

  @Test
  void recordsEveryArtifactButTheBookkeepingWithItsSizeAndHash() throws Exception {
    LocalStore store = new LocalStore(dir);
    store.putString(NODE + "/result.json", "{}");
    store.putString(NODE + "/final/config.json", "{\"a\": 1}");
    store.putString(NODE + "/_lease/node/1-2.json", "{}");
    store.markSuccess(NODE);

    CacheManifest manifest = CacheManifest.of(store, NODE);

    assertEquals(java.util.Set.of("result.json", "final/config.json"), manifest.artifacts().keySet());
    assertEquals(new CacheManifest.Artifact(8, Sha256.hex("{\"a\": 1}")), manifest.artifacts().get("final/config.json"));
    assertEquals(Optional.empty(), manifest.mismatch(store, NODE, false), "nothing changed");
  }

  @Test
  void aTruncatedOrMissingArtifactIsNamedBySize() throws Exception {
    LocalStore store = new LocalStore(dir);
    store.putString(NODE + "/losses.jsonl", "{\"step\": 1}\n{\"step\": 2}\n");
    store.putString(NODE + "/eval.jsonl", "{}\n");
    CacheManifest manifest = CacheManifest.of(store, NODE);

    store.putString(NODE + "/losses.jsonl", "{\"step\": 1}\n");
    String truncated = manifest.mismatch(store, NODE, false).orElseThrow();
    assertTrue(truncated.endsWith("losses.jsonl is 12 bytes, its cache entry recorded 24"), truncated);

    store.delete(NODE + "/eval.jsonl");
    String missing = manifest.mismatch(store, NODE, false).orElseThrow();
    assertTrue(missing.endsWith("eval.jsonl is missing"), missing);
  }

  @Test
  void aSmallAlteredArtifactIsCaughtByItsHashABigOneOnlyWhenEveryHashIsChecked() throws Exception {
    LocalStore store = new LocalStore(dir);
    byte[] big = new byte[(int) CacheManifest.CHEAP_HASH_BYTES + 1024];
    new SplittableRandom(7).nextBytes(big);
    store.putBytes(NODE + "/final/model.safetensors", big);
    store.putString(NODE + "/summary.json", "{\"docs\": 10}");
    CacheManifest manifest = CacheManifest.of(store, NODE);

    flipLastByte(dir.resolve(NODE + "/final/model.safetensors"));
    assertEquals(Optional.empty(), manifest.mismatch(store, NODE, false), "a large artifact's hash is not read on every hit");
    String everything = manifest.mismatch(store, NODE, true).orElseThrow();
    assertTrue(everything.contains("final/model.safetensors has SHA-256 "), everything);

    store.putBytes(NODE + "/final/model.safetensors", big);
    flipLastByte(dir.resolve(NODE + "/summary.json"));
    String small = manifest.mismatch(store, NODE, false).orElseThrow();
    assertTrue(small.contains("summary.json has SHA-256 ") && small.contains("its cache entry recorded"), small);
  }

  private static void flipLastByte(Path file) throws Exception {
    try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "rw")) {
      open.seek(Files.size(file) - 1);
      int last = open.read();
      open.seek(Files.size(file) - 1);
      open.write(last ^ 0x01);
    }
  }
}
