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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's {@code tokenizer.json} (a real Pythia one or one we generated), run by HF's Rust
 * {@code tokenizers} through DJL. Encoding adds no special tokens and neither truncates nor pads:
 * callers insert EOS between documents and cut blocks themselves.
 *
 * <p>The native encoder keeps each token's string, offsets and masks, a few hundred bytes a token on both sides of
 * JNI (a 50 MB document took 9 GB), so a text over {@link #PIECE_CHARS} is encoded in pieces cut where the
 * pieces give the tokens of the whole ({@link TextPieces}).
 *
 * <p>Thread-safe: encode and decode may be called concurrently (the native tokenizer is immutable
 * once built); only {@link #close()} must not race with them.
 */
public final class LmTokenizer implements AutoCloseable {
  static final String FILE_NAME = "tokenizer.json";
  private static final String EOS = TokenizerJsonWriter.SPECIAL_TOKENS.get(0);
  private static final String PAD = TokenizerJsonWriter.SPECIAL_TOKENS.get(1);
  /** The longest text the native encoder sees at once. */
  static final int PIECE_CHARS = 1 << 18;

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
    return text.length() <= PIECE_CHARS ? toInts(tokenizer.encode(text, false, false))
        : encodeInPieces(text, Integer.MAX_VALUE, PIECE_CHARS);
  }

  /** {@link #encode} for many texts in one native call (the library spreads it over threads). */
  public List<int[]> encodeBatch(List<String> texts) {
    return encodeBatch(texts, Integer.MAX_VALUE);
  }

  /**
   * The first {@code maxTokens} token ids of each text, as {@link #encodeBatch} would begin; a long text is encoded
   * only as far as those tokens need, so a scorer that reads a prefix never encodes a whole long document.
   */
  public List<int[]> encodeBatch(List<String> texts, int maxTokens) {
    List<String> batched = texts.stream().filter(text -> text.length() <= PIECE_CHARS).toList();
    Encoding[] encodings = batched.isEmpty() ? new Encoding[0]
        : tokenizer.batchEncode(batched.toArray(String[]::new), false, false);
    List<int[]> out = new ArrayList<>(texts.size());
    int next = 0;
    for (String text : texts) {
      int[] ids = text.length() <= PIECE_CHARS ? toInts(encodings[next++]) : encodeInPieces(text, maxTokens, PIECE_CHARS);
      out.add(ids.length > maxTokens ? Arrays.copyOf(ids, maxTokens) : ids);
    }
    return out;
  }

  /** The first {@code maxTokens} ids of {@code text}, encoded piece by piece ({@link TextPieces}). */
  int[] encodeInPieces(String text, int maxTokens, int pieceChars) {
    int[] ids = new int[0];
    int count = 0;
    for (int from = 0; from < text.length() && count < maxTokens; ) {
      int end = TextPieces.end(text, from, pieceChars);
      int[] piece = toInts(tokenizer.encode(text.substring(from, end), false, false));
      if (count + piece.length > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(count + piece.length, (int) Math.min(Integer.MAX_VALUE - 8, 2L * ids.length)));
      }
      System.arraycopy(piece, 0, ids, count, piece.length);
      count += piece.length;
      from = end;
    }
    return Arrays.copyOf(ids, Math.min(count, maxTokens));
  }

  /** The text of {@code ids}, special tokens kept, so decode(encode(t)) == t for NFC text. */
  public String decode(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, false);
  }

  /**
   * The text of generated {@code ids} as HF's {@code decode(ids, skip_special_tokens=True)} gives it: special tokens
   * ({@code <|padding|>}, {@code <|endoftext|>}) left out, and byte sequences that are not UTF-8 decoded as U+FFFD
   * by the tokenizer's own decoder (the same native code as HF's).
   */
  public String decodeGenerated(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, true);
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
