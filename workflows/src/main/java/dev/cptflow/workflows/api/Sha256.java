package dev.cptflow.workflows.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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

  /** A hasher of {@code prefix + text} for many texts, for one thread. */
  public static PrefixHasher prefixed(String prefix) {
    return new PrefixHasher(prefix);
  }

  /**
   * {@link #prefixLong} of {@code prefix + text} without building the joined string or a digest array per call: a
   * soft selection hashes {@code seed:id} for every one of up to 100M rows. Not thread-safe: one per thread.
   */
  public static final class PrefixHasher {
    private final MessageDigest digest = newDigest();
    private final byte[] out = new byte[32];
    private final int prefixLength;
    private byte[] buffer;

    private PrefixHasher(String prefix) {
      byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
      prefixLength = prefixBytes.length;
      buffer = Arrays.copyOf(prefixBytes, prefixLength + 64);
    }

    public long prefixLong(String text) {
      int length = prefixLength + text.length();
      if (buffer.length < length) {
        buffer = Arrays.copyOf(buffer, length * 2);
      }
      for (int c = 0; c < text.length(); c++) {
        char ch = text.charAt(c);
        if (ch >= 0x80) {
          return slowPath(text); // UTF-8 needs more than a byte per char: encode it properly
        }
        buffer[prefixLength + c] = (byte) ch;
      }
      digest.update(buffer, 0, length);
      return finish();
    }

    private long slowPath(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      digest.update(buffer, 0, prefixLength);
      digest.update(bytes);
      return finish();
    }

    private long finish() {
      try {
        digest.digest(out, 0, out.length);
      } catch (DigestException impossible) {
        throw new IllegalStateException("a 32-byte buffer holds a SHA-256", impossible);
      }
      long h = 0;
      for (int b = 0; b < 8; b++) {
        h = (h << 8) | (out[b] & 0xff);
      }
      return h;
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }
}
