package dev.cptflow.activities.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeoXConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Values unlike transformers' defaults, so a field read as its default shows. */
  private static final NeoXConfig UNUSUAL = new NeoXConfig(50, 64, 3, 4, 96, 0.5, 500, 1e-6, false, 300, 1, 7);

  @TempDir Path dir;

  @Test
  void whatWriteWritesReadsBack() throws IOException {
    for (NeoXConfig config : new NeoXConfig[] {UNUSUAL, NeoXConfig.preset("tiny", 99), NeoXConfig.preset("pythia-160m", 50304)}) {
      config.write(dir);
      assertEquals(config, NeoXConfig.read(dir));
    }
  }

  @Test
  void missingFieldsTakeTransformersDefaults() throws IOException {
    write(UNUSUAL, json -> json.remove(java.util.List.of("rotary_pct", "rotary_emb_base", "layer_norm_eps",
        "use_parallel_residual", "max_position_embeddings", "bos_token_id", "eos_token_id", "hidden_act",
        "attention_bias", "tie_word_embeddings")));
    NeoXConfig read = NeoXConfig.read(dir);
    assertEquals(0.25, read.rotaryPct());
    assertEquals(4, read.rotaryDims(), "head size 16 * 0.25");
    assertEquals(10000, read.rotaryEmbBase());
    assertEquals(1e-5, read.layerNormEps());
    assertTrue(read.useParallelResidual());
    assertEquals(2048, read.maxPositionEmbeddings());
    assertEquals(0, read.bosTokenId());
    assertEquals(2, read.eosTokenId());
  }

  @Test
  void aRopeParametersBlockGivesTheRotaryBaseAndFraction() throws IOException {
    write(UNUSUAL, json -> {
      json.remove(java.util.List.of("rotary_pct", "rotary_emb_base"));
      json.putObject("rope_parameters").put("rope_type", "default").put("rope_theta", 250).put("partial_rotary_factor", 1.0);
    });
    NeoXConfig read = NeoXConfig.read(dir);
    assertEquals(250, read.rotaryEmbBase());
    assertEquals(1.0, read.rotaryPct());
    assertEquals(UNUSUAL.headSize(), read.rotaryDims());
  }

  @Test
  void ropeParametersWithoutARopeTypeOrWithTheLegacyTypeKeyIsDefault() throws IOException {
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("rope_theta", 500));
    assertEquals(500, NeoXConfig.read(dir).rotaryEmbBase());
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("type", "default").put("partial_rotary_factor", 0.5));
    assertEquals(0.5, NeoXConfig.read(dir).rotaryPct());
  }

  @Test
  void theCopiesTransformers4SavesAreReadAndMustAgree() throws IOException {
    write(UNUSUAL, json -> json.put("rope_theta", 500).put("partial_rotary_factor", 0.5).putNull("rope_scaling"));
    assertEquals(UNUSUAL, NeoXConfig.read(dir));

    write(UNUSUAL, json -> {
      json.remove(java.util.List.of("rotary_pct", "rotary_emb_base"));
      json.put("rope_theta", 250).put("partial_rotary_factor", 1.0);
    });
    assertEquals(250, NeoXConfig.read(dir).rotaryEmbBase());
    assertEquals(1.0, NeoXConfig.read(dir).rotaryPct());

    write(UNUSUAL, json -> json.put("partial_rotary_factor", 0.25));
    String message = refused("rotary_pct and partial_rotary_factor");
    assertTrue(message.contains("0.5") && message.contains("0.25"), message);
  }

  @Test
  void aTopLevelFieldThatDisagreesWithRopeParametersIsRefused() throws IOException {
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("rope_type", "default").put("partial_rotary_factor", 0.25));
    refused("rotary_pct and rope_parameters.partial_rotary_factor");
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("rope_type", "default").put("rope_theta", 10000));
    refused("rotary_emb_base and rope_parameters.rope_theta");
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("rope_theta", 500.0).put("partial_rotary_factor", 0.5));
    assertEquals(UNUSUAL, NeoXConfig.read(dir), "agreeing values are fine");
  }

  @Test
  void ropeScalingIsRefused() throws IOException {
    write(UNUSUAL, json -> json.putObject("rope_scaling").put("rope_type", "linear").put("factor", 2.0));
    assertTrue(refused("rope_scaling").contains("linear"));
    write(UNUSUAL, json -> json.putNull("rope_scaling"));
    assertEquals(UNUSUAL, NeoXConfig.read(dir), "null rope_scaling is no scaling");
  }

  @Test
  void aScaledRopeTypeIsRefused() throws IOException {
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("rope_type", "yarn").put("factor", 4.0));
    assertTrue(refused("rope_parameters.rope_type").contains("yarn"));
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("type", "dynamic"));
    assertTrue(refused("rope_parameters.type").contains("dynamic"));
  }

  @Test
  void anUnknownRopeParameterIsRefused() throws IOException {
    write(UNUSUAL, json -> json.putObject("rope_parameters").put("rope_type", "default").put("factor", 2.0));
    refused("rope_parameters.factor");
  }

  @Test
  void attentionBiasFalseIsRefusedWhenTheCheckpointIsNotKnown() throws IOException {
    write(UNUSUAL, json -> json.put("attention_bias", false));
    assertTrue(refused("attention_bias").contains("needs the attention biases"));
  }

  @Test
  void unsupportedActivationsAndTiedEmbeddingsAreRefused() throws IOException {
    write(UNUSUAL, json -> json.put("hidden_act", "gelu_new"));
    assertTrue(refused("hidden_act").contains("gelu_new"));
    write(UNUSUAL, json -> json.put("tie_word_embeddings", true));
    refused("tie_word_embeddings");
    write(UNUSUAL, json -> json.put("model_type", "llama"));
    refused("model_type");
  }

  @Test
  void aFieldOfTheWrongTypeIsRefusedNotDefaulted() throws IOException {
    write(UNUSUAL, json -> json.put("rotary_pct", "0.5"));
    refused("rotary_pct");
    write(UNUSUAL, json -> json.put("use_parallel_residual", "false"));
    refused("use_parallel_residual");
    write(UNUSUAL, json -> json.putArray("eos_token_id").add(0).add(2));
    refused("eos_token_id");
    write(UNUSUAL, json -> json.putNull("bos_token_id"));
    refused("bos_token_id");
    write(UNUSUAL, json -> json.put("max_position_embeddings", 1.5));
    refused("max_position_embeddings");
  }

  @Test
  void shapesTheModelCannotHaveAreRefused() throws IOException {
    write(UNUSUAL, json -> json.put("num_attention_heads", 5));
    refused("hidden_size");
    write(UNUSUAL, json -> json.remove("vocab_size"));
    refused("vocab_size");
    write(UNUSUAL, json -> json.put("rotary_pct", 0.1875)); // head size 16 * 0.1875 = 3 rotary dims: odd
    refused("rotary_pct");
    write(UNUSUAL, json -> json.put("rotary_pct", 1.5));
    refused("rotary_pct");
  }

  private void write(NeoXConfig config, Consumer<ObjectNode> edit) throws IOException {
    config.write(dir);
    Path file = dir.resolve(NeoXConfig.FILE);
    ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(json);
    Files.writeString(file, JSON.writeValueAsString(json));
  }

  /** Asserts that reading is refused with one line {@code <file>: <field>: why}, and returns it. */
  private String refused(String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeoXConfig.read(dir));
    String message = e.getMessage();
    assertTrue(message.startsWith(dir.resolve(NeoXConfig.FILE) + ": " + field + ": "), message);
    assertFalse(message.contains("\n"), message);
    return message;
  }
}
