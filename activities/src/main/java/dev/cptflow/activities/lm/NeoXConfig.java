package dev.cptflow.activities.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a Hugging Face {@code GPTNeoXForCausalLM} {@code config.json} that the model uses.
 * Pythia sets {@code use_parallel_residual: true}, {@code rotary_pct: 0.25} and an untied {@code embed_out}.
 */
public record NeoXConfig(
    int vocabSize,
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int intermediateSize,
    double rotaryPct,
    double rotaryEmbBase,
    double layerNormEps,
    boolean useParallelResidual,
    int maxPositionEmbeddings,
    int bosTokenId,
    int eosTokenId) {

  public static final String MODEL_TYPE = "gpt_neox";
  public static final String FILE = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public NeoXConfig {
    if (hiddenSize % numAttentionHeads != 0) {
      throw new IllegalArgumentException(
          "hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numAttentionHeads);
    }
  }

  public int headSize() {
    return hiddenSize / numAttentionHeads;
  }

  /** Rotary dimensions per head; HF truncates {@code head_size * rotary_pct} to an int. */
  public int rotaryDims() {
    return (int) (headSize() * rotaryPct);
  }

  /** Presets with Pythia's shapes; {@code tiny} is for tests and the quickstart. */
  public static NeoXConfig preset(String name, int vocabSize) {
    return switch (name) {
      case "tiny" -> new NeoXConfig(vocabSize, 64, 2, 4, 256, 0.25, 10000, 1e-5, true, 512, 0, 0);
      case "pythia-70m" -> new NeoXConfig(vocabSize, 512, 6, 8, 2048, 0.25, 10000, 1e-5, true, 2048, 0, 0);
      case "pythia-160m" -> new NeoXConfig(vocabSize, 768, 12, 12, 3072, 0.25, 10000, 1e-5, true, 2048, 0, 0);
      default -> throw new IllegalArgumentException("unknown preset '" + name + "'; use tiny, pythia-70m or pythia-160m");
    };
  }

  public static NeoXConfig read(Path dir) {
    Path file = dir.resolve(FILE);
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the model config: " + e.getMessage(), e);
    }
    String modelType = json.path("model_type").asText("");
    if (!MODEL_TYPE.equals(modelType)) {
      throw new IllegalArgumentException(file + ": model_type is '" + modelType + "'; only gpt_neox (Pythia) is supported");
    }
    if (json.path("tie_word_embeddings").asBoolean(false)) {
      throw new IllegalArgumentException(file + ": tie_word_embeddings=true is not supported; GPT-NeoX unties embed_out");
    }
    String activation = json.path("hidden_act").asText("gelu");
    if (!"gelu".equals(activation)) {
      throw new IllegalArgumentException(file + ": hidden_act '" + activation + "' is not supported (expected gelu)");
    }
    return new NeoXConfig(
        required(json, "vocab_size", file),
        required(json, "hidden_size", file),
        required(json, "num_hidden_layers", file),
        required(json, "num_attention_heads", file),
        required(json, "intermediate_size", file),
        json.path("rotary_pct").asDouble(1.0),
        json.path("rotary_emb_base").asDouble(10000),
        json.path("layer_norm_eps").asDouble(1e-5),
        json.path("use_parallel_residual").asBoolean(true),
        json.path("max_position_embeddings").asInt(2048),
        json.path("bos_token_id").asInt(0),
        json.path("eos_token_id").asInt(0));
  }

  private static int required(JsonNode json, String field, Path file) {
    JsonNode value = json.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException(file + ": " + field + " is missing or not an integer");
    }
    return value.asInt();
  }

  /** A config.json that {@code transformers} loads as {@code GPTNeoXForCausalLM}. */
  public void write(Path dir) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.putArray("architectures").add("GPTNeoXForCausalLM");
    json.put("model_type", MODEL_TYPE);
    json.put("vocab_size", vocabSize);
    json.put("hidden_size", hiddenSize);
    json.put("num_hidden_layers", numHiddenLayers);
    json.put("num_attention_heads", numAttentionHeads);
    json.put("intermediate_size", intermediateSize);
    json.put("hidden_act", "gelu");
    json.put("rotary_pct", rotaryPct);
    json.put("rotary_emb_base", rotaryEmbBase);
    json.put("layer_norm_eps", layerNormEps);
    json.put("use_parallel_residual", useParallelResidual);
    json.put("max_position_embeddings", maxPositionEmbeddings);
    json.put("initializer_range", 0.02);
    json.put("attention_bias", true);
    json.put("attention_dropout", 0.0);
    json.put("hidden_dropout", 0.0);
    json.put("tie_word_embeddings", false);
    json.put("bos_token_id", bosTokenId);
    json.put("eos_token_id", eosTokenId);
    json.put("torch_dtype", "float32");
    json.put("use_cache", true);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
  }

  /** Every parameter by its HF name, with its shape, in the order the model uses them. */
  public Map<String, long[]> parameterShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    long h = hiddenSize;
    shapes.put("gpt_neox.embed_in.weight", new long[] {vocabSize, h});
    for (int i = 0; i < numHiddenLayers; i++) {
      String layer = "gpt_neox.layers." + i + ".";
      shapes.put(layer + "input_layernorm.weight", new long[] {h});
      shapes.put(layer + "input_layernorm.bias", new long[] {h});
      shapes.put(layer + "post_attention_layernorm.weight", new long[] {h});
      shapes.put(layer + "post_attention_layernorm.bias", new long[] {h});
      shapes.put(layer + "attention.query_key_value.weight", new long[] {3 * h, h});
      shapes.put(layer + "attention.query_key_value.bias", new long[] {3 * h});
      shapes.put(layer + "attention.dense.weight", new long[] {h, h});
      shapes.put(layer + "attention.dense.bias", new long[] {h});
      shapes.put(layer + "mlp.dense_h_to_4h.weight", new long[] {intermediateSize, h});
      shapes.put(layer + "mlp.dense_h_to_4h.bias", new long[] {intermediateSize});
      shapes.put(layer + "mlp.dense_4h_to_h.weight", new long[] {h, intermediateSize});
      shapes.put(layer + "mlp.dense_4h_to_h.bias", new long[] {h});
    }
    shapes.put("gpt_neox.final_layer_norm.weight", new long[] {h});
    shapes.put("gpt_neox.final_layer_norm.bias", new long[] {h});
    shapes.put("embed_out.weight", new long[] {vocabSize, h});
    return shapes;
  }

  public long parameterCount() {
    long count = 0;
    for (long[] shape : parameterShapes().values()) {
      long elements = 1;
      for (long dim : shape) {
        elements *= dim;
      }
      count += elements;
    }
    return count;
  }
}
