package dev.cptflow.activities.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A GPT-NeoX decoder, as HF {@code GPTNeoXForCausalLM} computes it for Pythia: fused per-head QKV, partial
 * rotary embeddings, LayerNorm, exact GELU, parallel (or sequential) residual, untied {@code embed_out}.
 * Parameters are held by their HF names, so loading and saving a checkpoint is a direct name mapping.
 *
 * <p>Callers wrap each forward pass in an {@link NDScope}: every intermediate array is closed with it.
 */
public final class GptNeoX implements AutoCloseable {
  /** Added to masked attention scores. Finite, so a row with every key masked gives no NaN. */
  private static final float MASKED = -1e30f;

  private final NeoXConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;
  private final Rotary rotary;

  private GptNeoX(NeoXConfig config, NDManager manager, Map<String, NDArray> parameters) {
    this.config = config;
    this.manager = manager;
    this.parameters = parameters;
    this.rotary = new Rotary(config, manager);
  }

  /** Builds the model from F32 values looked up by HF name (a checkpoint, or a random initialiser). */
  public static GptNeoX fromWeights(NeoXConfig config, Function<String, float[]> weights, Device device) {
    LmRuntime.engine();
    NDManager manager = NDManager.newBaseManager(device);
    Map<String, NDArray> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> entry : config.parameterShapes().entrySet()) {
      parameters.put(entry.getKey(), manager.create(weights.apply(entry.getKey()), new Shape(entry.getValue())));
    }
    return new GptNeoX(config, manager, parameters);
  }

  /**
   * Seeded random weights as HF initialises GPT-NeoX: normal(0, 0.02) for matrices and embeddings, zero
   * biases, LayerNorm weights one. Each tensor draws from its own stream (seed, name), so the result does
   * not depend on the order tensors are created in.
   */
  public static Map<String, float[]> randomWeights(NeoXConfig config, long seed) {
    return randomWeights(config, seed, 0.02);
  }

  /** As {@link #randomWeights(NeoXConfig, long)} with another standard deviation (tests want peaked outputs). */
  public static Map<String, float[]> randomWeights(NeoXConfig config, long seed, double std) {
    Map<String, float[]> weights = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> entry : config.parameterShapes().entrySet()) {
      String name = entry.getKey();
      int size = (int) elements(entry.getValue());
      float[] values = new float[size];
      if (name.endsWith("layernorm.weight") || name.endsWith("final_layer_norm.weight")) {
        java.util.Arrays.fill(values, 1f);
      } else if (name.endsWith(".weight")) {
        SplittableRandom random = new SplittableRandom(seed * 31 + name.hashCode());
        for (int i = 0; i < size; i++) {
          values[i] = (float) (gaussian(random) * std);
        }
      }
      weights.put(name, values);
    }
    return weights;
  }

  /** Box–Muller, so the values are the same on every JVM (java.util.Random#nextGaussian is not specified for SplittableRandom). */
  private static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  public NeoXConfig config() {
    return config;
  }

  public NDManager manager() {
    return manager;
  }

  public Device device() {
    return manager.getDevice();
  }

  /** Parameters by HF name, in checkpoint order. */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  public void setTrainable(boolean trainable) {
    parameters.values().forEach(parameter -> parameter.setRequiresGradient(trainable));
  }

  /** The final hidden states [batch, seq, hidden]. */
  public NDArray hidden(NDArray inputIds, NDArray attentionMask, KvCache cache) {
    long past = cache == null ? 0 : cache.length();
    long seq = inputIds.getShape().get(1);
    if (past + seq > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(
          "sequence of " + (past + seq) + " tokens exceeds max_position_embeddings " + config.maxPositionEmbeddings());
    }
    NDArray mask = attentionBias(inputIds, attentionMask, past);
    NDArray x = embed(inputIds);
    for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
      x = layer(layer, x, mask, cache, past);
    }
    return layerNorm(x, "gpt_neox.final_layer_norm");
  }

  /** Logits [batch, seq, vocab] of the given hidden states. */
  public NDArray logits(NDArray hidden) {
    return ex(hidden).linear(hidden, parameter("embed_out.weight"), null).singletonOrThrow();
  }

  public NDArray forward(NDArray inputIds, NDArray attentionMask, KvCache cache) {
    return logits(hidden(inputIds, attentionMask, cache));
  }

  /** Token embeddings [batch, seq, hidden]. */
  private NDArray embed(NDArray inputIds) {
    NDArray table = parameter("gpt_neox.embed_in.weight");
    return ex(inputIds).embedding(inputIds, table, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray layer(int layer, NDArray x, NDArray mask, KvCache cache, long past) {
    String prefix = "gpt_neox.layers." + layer + ".";
    NDArray attention = attention(layer, layerNorm(x, prefix + "input_layernorm"), mask, cache, past);
    if (config.useParallelResidual()) {
      // x + attn(ln1(x)) + mlp(ln2(x))
      return x.add(attention).add(mlp(prefix, layerNorm(x, prefix + "post_attention_layernorm")));
    }
    NDArray afterAttention = x.add(attention);
    return afterAttention.add(mlp(prefix, layerNorm(afterAttention, prefix + "post_attention_layernorm")));
  }

  private NDArray attention(int layer, NDArray x, NDArray mask, KvCache cache, long past) {
    String prefix = "gpt_neox.layers." + layer + ".attention.";
    long batch = x.getShape().get(0);
    long seq = x.getShape().get(1);
    int heads = config.numAttentionHeads();
    int headSize = config.headSize();
    // HF lays the fused projection out per head: [batch, seq, heads, 3 * head_size] = (q | k | v) per head
    NDArray qkv = linear(x, prefix + "query_key_value").reshape(batch, seq, heads, 3L * headSize);
    NDArray query = qkv.get(":, :, :, :" + headSize).transpose(0, 2, 1, 3); // [batch, heads, seq, head_size]
    NDArray key = qkv.get(":, :, :, " + headSize + ":" + 2 * headSize).transpose(0, 2, 1, 3);
    NDArray value = qkv.get(":, :, :, " + 2 * headSize + ":").transpose(0, 2, 1, 3);
    query = rotary.apply(query, past);
    key = rotary.apply(key, past);
    if (cache != null) {
      NDArray[] all = cache.append(layer, key, value);
      key = all[0];
      value = all[1];
    }
    // Not mul(Number): DJL makes the scalar from a Java buffer and closes it as soon as mul returns, but autograd
    // keeps it for the backward pass, which then reads memory the GC may have freed. Ours lives as long as x's manager.
    NDArray scale = x.getManager().create((float) (1.0 / Math.sqrt(headSize)));
    NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).mul(scale); // [batch, heads, seq, keys]
    NDArray context = scores.add(mask).softmax(-1).matMul(value); // [batch, heads, seq, head_size]
    NDArray merged = context.transpose(0, 2, 1, 3).reshape(batch, seq, (long) heads * headSize);
    return linear(merged, prefix + "dense");
  }

  private NDArray mlp(String prefix, NDArray x) {
    NDArray expanded = linear(x, prefix + "mlp.dense_h_to_4h");
    return linear(ex(expanded).gelu(), prefix + "mlp.dense_4h_to_h"); // exact (erf) GELU, as HF "gelu"
  }

  /**
   * Additive attention bias [batch, 1, seq, keys]: causal (a query sees keys up to its own position) and
   * padding (a key whose mask is 0 is never seen). Keys include the {@code past} cached positions.
   */
  private NDArray attentionBias(NDArray inputIds, NDArray attentionMask, long past) {
    long batch = inputIds.getShape().get(0);
    int seq = (int) inputIds.getShape().get(1);
    int keys = (int) past + seq;
    float[] causal = new float[seq * keys];
    for (int query = 0; query < seq; query++) {
      for (int key = (int) past + query + 1; key < keys; key++) {
        causal[query * keys + key] = MASKED;
      }
    }
    NDManager scope = inputIds.getManager();
    NDArray bias = scope.create(causal, new Shape(1, 1, seq, keys)).toDevice(inputIds.getDevice(), false);
    if (attentionMask == null) {
      return bias;
    }
    // attentionMask covers every key, cached ones included: [batch, keys]; 1 = real token, 0 = padding
    NDArray padding = attentionMask.toType(DataType.FLOAT32, false).neg().add(1).mul(MASKED).reshape(batch, 1, 1, keys);
    return bias.add(padding);
  }

  private NDArray linear(NDArray x, String name) {
    return ex(x).linear(x, parameter(name + ".weight"), parameter(name + ".bias")).singletonOrThrow();
  }

  private NDArray layerNorm(NDArray x, String name) {
    Shape normalized = new Shape(config.hiddenSize());
    return ex(x).layerNorm(x, normalized, parameter(name + ".weight"), parameter(name + ".bias"), (float) config.layerNormEps())
        .singletonOrThrow();
  }

  private NDArray parameter(String name) {
    NDArray parameter = parameters.get(name);
    if (parameter == null) {
      throw new IllegalStateException("no parameter " + name);
    }
    return parameter;
  }

  private static NDArrayEx ex(NDArray array) {
    return array.getNDArrayInternal();
  }

  /** F32 copies of the parameters, by HF name, for saving. */
  public Map<String, float[]> weights() {
    Map<String, float[]> weights = new LinkedHashMap<>();
    parameters.forEach((name, parameter) -> weights.put(name, parameter.toType(DataType.FLOAT32, false).toFloatArray()));
    return weights;
  }

  public long parameterCount() {
    return config.parameterCount();
  }

  static long elements(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      count *= dim;
    }
    return count;
  }

  /** Token ids as the int64 array the model takes, on the model's device. */
  public NDArray tokens(NDManager scope, long[][] ids) {
    return scope.create(ids).toDevice(device(), false);
  }

  public static List<String> ignoredCheckpointTensors() {
    // Old HF checkpoints carry buffers that are recomputed, not learned.
    return List.of(".attention.bias", ".attention.masked_bias", ".attention.rotary_emb.inv_freq");
  }

  @Override
  public void close() {
    manager.close();
  }
}
