package dev.cptflow.activities.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields of a Hugging Face {@code GPTNeoXForCausalLM} {@code config.json} that the model uses.
 * Pythia sets {@code use_parallel_residual: true}, {@code rotary_pct: 0.25} and an untied {@code embed_out}.
 *
 * <p>A field the file leaves out takes transformers' default. Checked against {@code GPTNeoXConfig} in
 * transformers v4 ({@code __init__} as of 4.44-4.57, the version with {@code rope_scaling} and
 * {@code attention_bias}) and v5 (the dataclass with {@code rope_parameters}): {@code rotary_pct} 0.25,
 * {@code rotary_emb_base} 10000, {@code layer_norm_eps} 1e-5, {@code use_parallel_residual} true,
 * {@code max_position_embeddings} 2048, {@code bos_token_id} 0, {@code eos_token_id} 2, {@code hidden_act} gelu,
 * {@code attention_bias} true, {@code tie_word_embeddings} false, {@code rope_scaling} null.
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
  /** Per-layer tensors that {@code attention_bias: false} says the checkpoint lacks. */
  private static final String[] ATTENTION_BIASES = {"attention.query_key_value.bias", "attention.dense.bias"};

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

  /**
   * Reads {@code dir/config.json} as transformers' {@code GPTNeoXConfig} reads it, refusing with one line
   * ({@code <file>: <field>: <what and why>}) any field this model cannot honour. {@code attention_bias: false}
   * is always refused here; {@link ModelFiles#load} says whether the checkpoint's tensors contradict it.
   */
  public static NeoXConfig read(Path dir) {
    return read(dir, null);
  }

  /**
   * As {@link #read(Path)}; {@code checkpointHas} tells whether the checkpoint holds a tensor of that name, so
   * that a refused {@code attention_bias: false} can say whether the weights disagree with it. Null when the
   * checkpoint is not known.
   */
  static NeoXConfig read(Path dir, Predicate<String> checkpointHas) {
    Path file = dir.resolve(FILE);
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the model config: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(file + ": not a JSON object");
    }
    Fields fields = new Fields(json, file);
    String modelType = fields.string("model_type", null);
    if (!MODEL_TYPE.equals(modelType)) {
      throw fields.refuse("model_type", (modelType == null ? "missing" : "'" + modelType + "' is not supported")
          + "; only gpt_neox (Pythia) is");
    }
    if (fields.bool("tie_word_embeddings", false)) {
      throw fields.refuse("tie_word_embeddings", "true is not supported; GPT-NeoX unties embed_out from embed_in");
    }
    String activation = fields.string("hidden_act", "gelu");
    if (!"gelu".equals(activation)) {
      throw fields.refuse("hidden_act", "'" + activation + "' is not supported (expected gelu, the exact erf GELU)");
    }
    if (!fields.bool("attention_bias", true)) {
      throw attentionBiasRefused(fields, checkpointHas, fields.int32("num_hidden_layers", 0));
    }
    JsonNode ropeScaling = json.get("rope_scaling");
    if (ropeScaling != null && !ropeScaling.isNull()) {
      throw fields.refuse("rope_scaling", ropeScaling + " is not supported; this model has only the default rotary"
          + " embedding, unscaled");
    }
    RopeParameters rope = RopeParameters.read(fields);
    int hiddenSize = fields.positive("hidden_size");
    int heads = fields.positive("num_attention_heads");
    if (hiddenSize % heads != 0) {
      throw fields.refuse("hidden_size", hiddenSize + " is not a multiple of num_attention_heads " + heads);
    }
    double rotaryPct = rope.rotaryPct();
    String pctField = rope.rotaryPctField();
    if (!(rotaryPct >= 0 && rotaryPct <= 1)) {
      throw fields.refuse(pctField, rotaryPct + " is not a fraction of the head size between 0 and 1");
    }
    int rotaryDims = (int) (hiddenSize / heads * rotaryPct);
    if (rotaryDims % 2 != 0) {
      throw fields.refuse(pctField, rotaryPct + " of head size " + hiddenSize / heads + " gives " + rotaryDims
          + " rotary dims; rotary embeddings rotate pairs, so it must be even");
    }
    if (!(rope.rotaryEmbBase() > 0)) {
      throw fields.refuse(rope.rotaryEmbBaseField(), rope.rotaryEmbBase() + " is not a positive rotary base");
    }
    double layerNormEps = fields.number("layer_norm_eps", 1e-5);
    if (!(layerNormEps > 0)) {
      throw fields.refuse("layer_norm_eps", layerNormEps + " is not positive");
    }
    return new NeoXConfig(
        fields.positive("vocab_size"),
        hiddenSize,
        fields.positive("num_hidden_layers"),
        heads,
        fields.positive("intermediate_size"),
        rotaryPct,
        rope.rotaryEmbBase(),
        layerNormEps,
        fields.bool("use_parallel_residual", true),
        fields.positive("max_position_embeddings", 2048),
        fields.int32("bos_token_id", 0),
        fields.int32("eos_token_id", 2));
  }

  private static IllegalArgumentException attentionBiasRefused(Fields fields, Predicate<String> checkpointHas, int layers) {
    if (checkpointHas == null) {
      return fields.refuse("attention_bias", "false is not supported; this model needs the attention biases "
          + String.join(" and ", ATTENTION_BIASES));
    }
    List<String> present = new ArrayList<>();
    for (int i = 0; i < Math.max(layers, 1); i++) {
      for (String bias : ATTENTION_BIASES) {
        String name = "gpt_neox.layers." + i + "." + bias;
        if (checkpointHas.test(name)) {
          present.add(name);
        }
      }
    }
    if (!present.isEmpty()) {
      return fields.refuse("attention_bias", "false, but the checkpoint has attention bias tensors (" + present.get(0)
          + (present.size() > 1 ? " and " + (present.size() - 1) + " more" : "")
          + "); transformers would drop them, so the config and the weights disagree");
    }
    return fields.refuse("attention_bias", "false and the checkpoint has no attention bias tensors; this model"
        + " needs " + String.join(" and ", ATTENTION_BIASES));
  }

  /**
   * The rotary base and fraction, from whichever of their names the file uses. transformers v4 reads
   * {@code rotary_emb_base}/{@code rotary_pct} and saves copies as {@code rope_theta}/{@code partial_rotary_factor}
   * (4.46 and later); v5 reads and saves a {@code rope_parameters} block with {@code rope_type}, {@code rope_theta}
   * and {@code partial_rotary_factor}. Every name given must agree; missing ones default as transformers does.
   */
  private record RopeParameters(double rotaryEmbBase, String rotaryEmbBaseField, double rotaryPct, String rotaryPctField) {
    private static final Set<String> KEYS = Set.of("rope_type", "type", "rope_theta", "partial_rotary_factor");

    static RopeParameters read(Fields fields) {
      Map<String, Double> bases = new LinkedHashMap<>();
      Map<String, Double> pcts = new LinkedHashMap<>();
      fields.put(bases, "rotary_emb_base");
      fields.put(bases, "rope_theta");
      fields.put(pcts, "rotary_pct");
      fields.put(pcts, "partial_rotary_factor");
      JsonNode block = fields.json().get("rope_parameters");
      if (block != null && !block.isNull()) {
        if (!block.isObject()) {
          throw fields.refuse("rope_parameters", block + " is not an object");
        }
        Fields inner = fields.nested(block, "rope_parameters.");
        String ropeType = inner.string("rope_type", null);
        String legacyType = inner.string("type", null);
        if (ropeType != null && legacyType != null && !ropeType.equals(legacyType)) {
          throw fields.refuse("rope_parameters", "rope_type '" + ropeType + "' and type '" + legacyType + "' disagree");
        }
        String type = ropeType != null ? ropeType : legacyType != null ? legacyType : "default";
        if (!"default".equals(type)) {
          throw fields.refuse("rope_parameters." + (ropeType != null ? "rope_type" : "type"),
              "'" + type + "' is not supported; this model has only the default rotary embedding");
        }
        for (Iterator<String> it = block.fieldNames(); it.hasNext(); ) {
          String key = it.next();
          if (!KEYS.contains(key)) {
            throw fields.refuse("rope_parameters." + key, "not supported; with the default rotary embedding this"
                + " model reads only rope_type, rope_theta and partial_rotary_factor");
          }
        }
        inner.put(bases, "rope_theta");
        inner.put(pcts, "partial_rotary_factor");
      }
      Map.Entry<String, Double> base = agreed(fields, bases, "rotary_emb_base", 10000);
      Map.Entry<String, Double> pct = agreed(fields, pcts, "rotary_pct", 0.25);
      return new RopeParameters(base.getValue(), base.getKey(), pct.getValue(), pct.getKey());
    }

    /** The one value all the given names hold, or transformers' default when the file gives none. */
    private static Map.Entry<String, Double> agreed(Fields fields, Map<String, Double> values, String field, double fallback) {
      Map.Entry<String, Double> first = null;
      for (Map.Entry<String, Double> entry : values.entrySet()) {
        if (first == null) {
          first = entry;
        } else if (Double.compare(first.getValue(), entry.getValue()) != 0) {
          throw new IllegalArgumentException(fields.file() + ": " + first.getKey() + " and " + entry.getKey() + ": "
              + first.getValue() + " and " + entry.getValue() + " disagree; transformers versions differ in which wins,"
              + " so give one value");
        }
      }
      return first != null ? first : Map.entry(field + " (absent, so transformers' default " + fallback + ")", fallback);
    }
  }

  /** Typed reads of config fields; a field of the wrong JSON type is refused, not read as its default. */
  private record Fields(JsonNode json, Path file, String prefix) {
    Fields(JsonNode json, Path file) {
      this(json, file, "");
    }

    Fields nested(JsonNode block, String blockPrefix) {
      return new Fields(block, file, prefix + blockPrefix);
    }

    IllegalArgumentException refuse(String field, String why) {
      return new IllegalArgumentException(file + ": " + field + ": " + why);
    }

    private JsonNode value(String field) {
      JsonNode value = json.get(field);
      return value == null || value.isNull() ? null : value;
    }

    String string(String field, String fallback) {
      JsonNode value = value(field);
      if (value == null) {
        return fallback;
      }
      if (!value.isTextual()) {
        throw refuse(prefix + field, value + " is not a string");
      }
      return value.asText();
    }

    boolean bool(String field, boolean fallback) {
      JsonNode value = value(field);
      if (value == null) {
        return fallback;
      }
      if (!value.isBoolean()) {
        throw refuse(prefix + field, value + " is not true or false");
      }
      return value.asBoolean();
    }

    double number(String field, double fallback) {
      JsonNode value = value(field);
      if (value == null) {
        return fallback;
      }
      if (!value.isNumber()) {
        throw refuse(prefix + field, value + " is not a number");
      }
      return value.asDouble();
    }

    /** Adds the field's value under its full name when the file gives it. */
    void put(Map<String, Double> values, String field) {
      if (value(field) != null) {
        values.put(prefix + field, number(field, 0));
      }
    }

    /** Unlike the others, a JSON null is refused: transformers would hold None, which this record cannot. */
    int int32(String field, int fallback) {
      JsonNode value = json.get(field);
      if (value == null) {
        return fallback;
      }
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw refuse(prefix + field, value + " is not supported (expected one integer)");
      }
      return value.asInt();
    }

    /** A shape field; transformers would default a missing one to GPT-NeoX-20B's, which no checkpoint here has. */
    int positive(String field) {
      if (json.get(field) == null) {
        throw refuse(prefix + field, "missing (the model's shape must be given)");
      }
      return positive(field, 0);
    }

    int positive(String field, int fallback) {
      int value = int32(field, fallback);
      if (value <= 0) {
        throw refuse(prefix + field, value + " is not a positive integer");
      }
      return value;
    }
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
