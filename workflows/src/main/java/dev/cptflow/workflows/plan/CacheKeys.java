package dev.cptflow.workflows.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;

/**
 * Content keys for stage outputs (DESIGN §4). A key covers everything that decides the output (stage, stage
 * version, parameters, and the keys of the inputs) and nothing else: not the sweep name, so results are shared
 * across sweeps.
 */
final class CacheKeys {

  private CacheKeys() {}

  static String of(Stage stage, SortedMap<String, String> params, List<String> upstreamKeys) {
    return sha256Hex(stage.key() + "\n" + stage.version() + "\n" + CanonicalJson.write(params) + "\n"
        + String.join(",", upstreamKeys));
  }

  static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }
}
