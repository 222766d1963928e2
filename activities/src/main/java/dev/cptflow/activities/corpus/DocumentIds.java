package dev.cptflow.activities.corpus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable document ids and the seeded held-out draw, both pure functions of their inputs. */
public final class DocumentIds {
  private DocumentIds() {}

  /** First 16 hex characters of sha256(fileUri + "\n" + position): re-ingesting a file reproduces its ids. */
  public static String id(String fileUri, long position) {
    return HexFormat.of().formatHex(sha256(fileUri + "\n" + position), 0, 8);
  }

  /**
   * Whether document {@code id} belongs to the held-out split: the first 8 bytes of sha256(seed + ":" + id),
   * as a uniform double in [0, 1), fall below {@code fraction}. Independent of order and of other documents.
   */
  public static boolean heldout(long seed, String id, double fraction) {
    long bits = ByteBuffer.wrap(sha256(seed + ":" + id)).getLong();
    double uniform = (bits >>> 11) * 0x1.0p-53;
    return uniform < fraction;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
