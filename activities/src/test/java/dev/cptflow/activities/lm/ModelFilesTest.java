package dev.cptflow.activities.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cptflow.activities.lm.safetensors.NamedTensor;
import dev.cptflow.activities.lm.safetensors.SafeDtype;
import dev.cptflow.activities.lm.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final NeoXConfig TINY = NeoXConfig.preset("tiny", 40);
  private static final Map<String, float[]> WEIGHTS = GptNeoX.randomWeights(TINY, 17);
  private static final long[][] TOKENS = {{3, 1, 4, 1, 5, 9, 2, 6, 5, 35, 8, 9, 7, 9, 3, 2}};

  @TempDir Path root;

  @Test
  void aMissingRotaryPctIsTransformersDefaultQuarterNotTheWholeHead() throws IOException {
    Path explicit = saved("explicit", json -> json.put("rotary_pct", 0.25));
    Path missing = saved("missing", json -> json.remove("rotary_pct"));
    Path whole = saved("whole", json -> json.put("rotary_pct", 1.0));
    float[] explicitLogits = logits(explicit);
    float[] missingLogits = logits(missing);
    assertArrayEquals(explicitLogits, missingLogits);
    assertTrue(maxDifference(explicitLogits, logits(whole)) > 1e-4,
        "rotating the whole head must change the logits, or this test shows nothing");
  }

  @Test
  void aRopeParametersBlockGivesTheSameModelAsTheTopLevelFields() throws IOException {
    Path v4 = saved("v4", json -> json.put("rotary_emb_base", 500));
    Path v5 = saved("v5", json -> {
      json.remove(List.of("rotary_pct", "rotary_emb_base"));
      json.putObject("rope_parameters").put("rope_type", "default").put("rope_theta", 500).put("partial_rotary_factor", 0.25);
    });
    Path otherBase = saved("other-base", json -> json.put("rotary_emb_base", 10000));
    float[] v4Logits = logits(v4);
    assertArrayEquals(v4Logits, logits(v5));
    assertTrue(maxDifference(v4Logits, logits(otherBase)) > 1e-5, "the base must matter, or this test shows nothing");
  }

  @Test
  void attentionBiasFalseWithBiasTensorsInTheCheckpointIsRefused() throws IOException {
    Path dir = saved("biased", json -> json.put("attention_bias", false));
    String message = refused(dir);
    assertTrue(message.contains("checkpoint has attention bias tensors (gpt_neox.layers.0.attention.query_key_value.bias"),
        message);
  }

  @Test
  void attentionBiasFalseWithoutBiasTensorsIsRefusedToo() throws IOException {
    Path dir = saved("unbiased", json -> json.put("attention_bias", false));
    List<NamedTensor> tensors = new ArrayList<>();
    TINY.parameterShapes().forEach((name, shape) -> {
      if (!name.endsWith("attention.query_key_value.bias") && !name.endsWith("attention.dense.bias")) {
        tensors.add(new NamedTensor(name, shape, SafeDtype.F32, WEIGHTS.get(name)));
      }
    });
    SafetensorsWriter.write(dir.resolve(ModelFiles.WEIGHTS), Map.of(), tensors);
    String message = refused(dir);
    assertTrue(message.contains("checkpoint has no attention bias tensors"), message);
    assertTrue(message.contains("needs attention.query_key_value.bias and attention.dense.bias"), message);
  }

  @Test
  void ropeScalingIsRefusedOnLoad() throws IOException {
    Path dir = saved("scaled", json -> json.putObject("rope_scaling").put("type", "linear").put("factor", 2.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(dir, Device.cpu()));
    assertTrue(e.getMessage().startsWith(dir.resolve(NeoXConfig.FILE) + ": rope_scaling: "), e.getMessage());
  }

  private String refused(Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(dir, Device.cpu()));
    String message = e.getMessage();
    assertTrue(message.startsWith(dir.resolve(NeoXConfig.FILE) + ": attention_bias: false"), message);
    assertFalse(message.contains("\n"), message);
    return message;
  }

  /** The tiny model saved under {@code name}, its config.json then edited. */
  private Path saved(String name, Consumer<ObjectNode> edit) throws IOException {
    Path dir = root.resolve(name);
    ModelFiles.save(TINY, WEIGHTS, null, dir);
    Path file = dir.resolve(NeoXConfig.FILE);
    ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(json);
    Files.writeString(file, JSON.writeValueAsString(json));
    return dir;
  }

  private static float[] logits(Path dir) {
    try (GptNeoX model = ModelFiles.load(dir, Device.cpu()); NDScope scope = new NDScope();
        NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      float[] logits = model.forward(model.tokens(manager, TOKENS), null, null).toFloatArray();
      assertEquals(TOKENS[0].length * TINY.vocabSize(), logits.length);
      return logits;
    }
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
