package dev.cptflow.workflows.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one place the project computes it: content keys, document ids, seeded draws and tie-breaks,
 * tokenizer hashes. Strings are hashed as their UTF-8 bytes; hex is lower case.
 *
 * <p>Thread-safe. Each thread reuses one {@link MessageDigest}, so hashing millions of short strings (a soft
 * selection does) costs no lookup or allocation of a digest per call.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** The 32-byte SHA-256 of {@code bytes}. */
  public static byte[] digest(byte[] bytes) {
    // digest(byte[]) updates, finishes and resets, so the thread's instance is clean for the next call.
    return DIGEST.get().digest(bytes);
  }

  /** The 32-byte SHA-256 of the UTF-8 bytes of {@code text}. */
  public static byte[] digest(String text) {
    return digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code bytes} as 64 lower-case hex characters. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text} as 64 lower-case hex characters. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of everything {@code in} yields, read in 1 MiB chunks, as 64 lower-case hex characters. */
  public static String hex(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 20];
    for (int read; (read = in.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, read);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The first 8 bytes, big-endian, of the SHA-256 of the UTF-8 bytes of {@code text}: a seeded 64-bit hash. */
  public static long prefixLong(String text) {
    byte[] digest = digest(text);
    long h = 0;
    for (int b = 0; b < 8; b++) {
      h = (h << 8) | (digest[b] & 0xff);
    }
    return h;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }
}
