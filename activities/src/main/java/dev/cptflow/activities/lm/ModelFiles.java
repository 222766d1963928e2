package dev.cptflow.activities.lm;

import ai.djl.Device;
import dev.cptflow.activities.lm.safetensors.NamedTensor;
import dev.cptflow.activities.lm.safetensors.SafeDtype;
import dev.cptflow.activities.lm.safetensors.SafetensorsCheckpoint;
import dev.cptflow.activities.lm.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model directory in the HF layout: {@code config.json}, {@code model.safetensors} (or shards with an
 * index) and {@code tokenizer.json}. What we write loads in {@code transformers} as GPTNeoXForCausalLM.
 */
public final class ModelFiles {
  public static final String WEIGHTS = "model.safetensors";
  public static final String TOKENIZER = "tokenizer.json";

  private ModelFiles() {}

  /**
   * Loads a checkpoint, checking every tensor's presence and shape first, all problems in one error. The config
   * is read knowing the checkpoint's tensors, so that a refused {@code attention_bias: false} says whether the
   * weights have the biases it denies.
   */
  public static GptNeoX load(Path dir, Device device) {
    try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
      NeoXConfig config = NeoXConfig.read(dir, name -> checkpoint.info(name).isPresent());
      checkpoint.verify(config.parameterShapes(),
          name -> GptNeoX.ignoredCheckpointTensors().stream().anyMatch(name::endsWith));
      return GptNeoX.fromWeights(config, checkpoint::readFloats, device);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes config, F32 weights with HF names, and a copy of the tokenizer when one is given. */
  public static void save(NeoXConfig config, Map<String, float[]> weights, Path tokenizerJson, Path dir) throws IOException {
    Files.createDirectories(dir);
    config.write(dir);
    Map<String, long[]> shapes = config.parameterShapes();
    List<NamedTensor> tensors = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
      tensors.add(new NamedTensor(entry.getKey(), entry.getValue(), SafeDtype.F32, weights.get(entry.getKey())));
    }
    SafetensorsWriter.write(dir.resolve(WEIGHTS), Map.of(), tensors);
    if (tokenizerJson != null && !tokenizerJson.toAbsolutePath().equals(dir.resolve(TOKENIZER).toAbsolutePath())) {
      Files.copy(tokenizerJson, dir.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
