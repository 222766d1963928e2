package dev.cptflow.workers.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES keys by key id, in order: the first encrypts, every one decrypts, so a key is rotated by putting the new one
 * first and keeping the old one while histories written with it exist. Text form: one key per line,
 * {@code <key-id> <base64 of 16, 24 or 32 bytes>}; {@code #} comments and blank lines are ignored. Messages and
 * {@link #toString()} name key ids and line numbers, never key material.
 */
public final class PayloadKeys {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, SecretKey> keysById;

  private PayloadKeys(Map<String, SecretKey> keysById) {
    this.keysById = Collections.unmodifiableMap(keysById);
  }

  public static PayloadKeys parse(String text, String sourceName) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = sourceName + ":" + (i + 1) + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new IllegalArgumentException(where + "expected '<key-id> <base64 key>', found " + fields.length + " fields");
      }
      String id = fields[0];
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(where + "key id must be 1-64 of [A-Za-z0-9._-]");
      }
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException(where + "key id '" + id + "' appears twice");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(fields[1]);
      } catch (IllegalArgumentException notBase64) {
        throw new IllegalArgumentException(where + "key '" + id + "' is not valid base64");
      }
      if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
        throw new IllegalArgumentException(where + "key '" + id + "' is " + bytes.length + " bytes; AES needs 16, 24 or 32");
      }
      keys.put(id, new SecretKeySpec(bytes, "AES"));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(sourceName + ": no keys (one per line: '<key-id> <base64 key>')");
    }
    return new PayloadKeys(keys);
  }

  public static PayloadKeys fromFile(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the payload key file: " + e.getMessage());
    }
  }

  public static PayloadKeys fromEnv(String variable) {
    String text = System.getenv(variable);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set (payload keys)");
    }
    return parse(text, "$" + variable);
  }

  /** The key id that new payloads are encrypted with. */
  public String encryptingId() {
    return keysById.keySet().iterator().next();
  }

  SecretKey encryptingKey() {
    return keysById.get(encryptingId());
  }

  /** The key for {@code id}, or null when it is not loaded. */
  SecretKey key(String id) {
    return keysById.get(id);
  }

  public List<String> ids() {
    return List.copyOf(keysById.keySet());
  }

  @Override
  public String toString() {
    return "PayloadKeys" + ids();
  }
}
