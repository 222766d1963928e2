package dev.cptflow.activities.lm.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.workflows.api.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code tokenizer.json} (a real Pythia one or one we generated), run by HF's Rust
 * {@code tokenizers} through DJL. Encoding adds no special tokens and neither truncates nor pads:
 * callers insert EOS between documents and cut blocks themselves.
 *
 * <p>Thread-safe: encode and decode may be called concurrently (the native tokenizer is immutable
 * once built); only {@link #close()} must not race with them.
 */
public final class LmTokenizer implements AutoCloseable {
  static final String FILE_NAME = "tokenizer.json";
  private static final String EOS = TokenizerJsonWriter.SPECIAL_TOKENS.get(0);
  private static final String PAD = TokenizerJsonWriter.SPECIAL_TOKENS.get(1);

  static {
    // The only place the tokenizer library is touched: DJL must take the native library bundled in
    // its jar and never reach the network. Values set by the launcher (or surefire) win.
    setIfUnset("ai.djl.offline", "true");
    setIfUnset("RUST_FLAVOR", "cpu");
  }

  private final Path file;
  private final String sha256;
  private final int vocabSize;
  private final int eosId;
  private final int padId;
  private final HuggingFaceTokenizer tokenizer;

  private LmTokenizer(Path file, byte[] json) {
    this.file = file;
    this.sha256 = Sha256.hex(json);
    JsonNode root = parse(file, json);
    Map<String, Integer> ids = tokenIds(root);
    this.vocabSize = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.eosId = ids.getOrDefault(EOS, -1);
    this.padId = ids.getOrDefault(PAD, eosId);
    this.tokenizer = newNativeTokenizer(file, json);
  }

  /** Loads {@code path}, a tokenizer.json or a directory holding one. */
  public static LmTokenizer load(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("tokenizer.json not found: " + file.toAbsolutePath());
    }
    try {
      return new LmTokenizer(file, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read tokenizer " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  /** Token ids of {@code text}; no BOS/EOS added. A literal {@code <|endoftext|>} becomes EOS. */
  public int[] encode(String text) {
    return toInts(tokenizer.encode(text, false, false));
  }

  /** {@link #encode} for many texts in one native call (the library spreads it over threads). */
  public List<int[]> encodeBatch(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts.toArray(String[]::new), false, false);
    List<int[]> out = new ArrayList<>(encodings.length);
    for (Encoding e : encodings) {
      out.add(toInts(e));
    }
    return out;
  }

  /** The text of {@code ids}, special tokens kept, so decode(encode(t)) == t for NFC text. */
  public String decode(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, false);
  }

  /** The id of {@code <|endoftext|>}, which separates documents. */
  public int eosId() {
    if (eosId < 0) {
      throw new IllegalStateException(
          "tokenizer " + file.toAbsolutePath() + " has no " + EOS + " token to separate documents");
    }
    return eosId;
  }

  /** The id of {@code <|padding|>}, or EOS when the tokenizer has none. */
  public int padId() {
    return padId < 0 ? eosId() : padId;
  }

  /** One more than the highest id; a model's embedding may be larger (Pythia pads it to 50304). */
  public int vocabSize() {
    return vocabSize;
  }

  /** Hex SHA-256 of the tokenizer.json bytes, to tie token blocks to the tokenizer that made them. */
  public String sha256() {
    return sha256;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static int[] toInts(Encoding encoding) {
    long[] ids = encoding.getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  private static JsonNode parse(Path file, byte[] json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.toString();
      throw new IllegalArgumentException(
          "tokenizer " + file.toAbsolutePath() + " is not valid JSON: " + reason, e);
    }
  }

  /** Every token's id: the model's vocabulary, then added tokens (which win, as in HF). */
  private static Map<String, Integer> tokenIds(JsonNode root) {
    Map<String, Integer> ids = new HashMap<>();
    root.path("model")
        .path("vocab")
        .fields()
        .forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
    for (JsonNode added : root.path("added_tokens")) {
      ids.put(added.path("content").asText(), added.path("id").asInt());
    }
    return ids;
  }

  private static HuggingFaceTokenizer newNativeTokenizer(Path file, byte[] json) {
    // Our own option map instead of the builder: no truncation and no padding (DJL pads batches to
    // the longest by default), no special tokens; and the bytes we hashed are the bytes loaded.
    Map<String, String> options =
        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
    try {
      return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "tokenizer " + file.toAbsolutePath() + " cannot be loaded: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
  }

  private static void setIfUnset(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
