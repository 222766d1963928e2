package dev.cptflow.activities.corpus;

import dev.cptflow.workflows.api.Sha256;

/** Stable document ids and the seeded held-out draw, both pure functions of their inputs. */
public final class DocumentIds {
  private DocumentIds() {}

  /** First 16 hex characters of sha256(fileUri + "\n" + position): re-ingesting a file reproduces its ids. */
  public static String id(String fileUri, long position) {
    return Sha256.hex(fileUri + "\n" + position).substring(0, 16);
  }

  /**
   * Whether document {@code id} belongs to the held-out split: the first 8 bytes of sha256(seed + ":" + id),
   * as a uniform double in [0, 1), fall below {@code fraction}. Independent of order and of other documents.
   */
  public static boolean heldout(long seed, String id, double fraction) {
    long bits = Sha256.prefixLong(seed + ":" + id);
    double uniform = (bits >>> 11) * 0x1.0p-53;
    return uniform < fraction;
  }
}
