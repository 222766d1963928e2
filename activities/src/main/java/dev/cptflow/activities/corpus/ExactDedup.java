package dev.cptflow.activities.corpus;

import dev.cptflow.workflows.api.Sha256;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers which texts were seen, by the first 16 bytes of their sha256 (a collision needs ~2^64 docs).
 * This is the one part of ingest that grows with the corpus: about 80 bytes per unique document on a
 * 64-bit JVM (key object, hash-set node, table slot), so 10M documents cost roughly 800 MB of heap.
 */
final class ExactDedup {
  private record Key(long high, long low) {}

  private final Set<Key> seen = new HashSet<>();

  /** True the first time {@code text} is offered, false for every exact repeat. */
  boolean firstSeen(String text) {
    ByteBuffer hash = ByteBuffer.wrap(Sha256.digest(text));
    return seen.add(new Key(hash.getLong(), hash.getLong()));
  }
}
