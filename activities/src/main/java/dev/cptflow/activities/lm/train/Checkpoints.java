package dev.cptflow.activities.lm.train;

import ai.djl.ndarray.NDArray;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.safetensors.NamedTensor;
import dev.cptflow.activities.lm.safetensors.SafeDtype;
import dev.cptflow.activities.lm.safetensors.SafetensorsCheckpoint;
import dev.cptflow.activities.lm.safetensors.SafetensorsWriter;
import dev.cptflow.activities.store.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code OUT/checkpoints/step-K/}: HF-layout weights, {@code optimizer.safetensors} (AdamW moments, F32)
 * and {@code trainer_state.json}. A checkpoint is written into a temporary directory and renamed, so a
 * crash mid-write never leaves a half checkpoint that a resume would pick.
 */
public final class Checkpoints {
  public static final String DIR = "checkpoints";
  public static final String OPTIMIZER = "optimizer.safetensors";
  private static final Pattern STEP_DIR = Pattern.compile("step-(\\d+)");

  private Checkpoints() {}

  public static Path write(Path out, GptNeoX model, AdamW optimizer, TrainerState state, Path tokenizerJson) throws IOException {
    Path root = out.resolve(DIR);
    Files.createDirectories(root);
    Path finished = root.resolve("step-" + state.step());
    Path temporary = root.resolve(".tmp-step-" + state.step());
    LocalFiles.deleteRecursively(temporary);
    ModelFiles.save(model.config(), model.weights(), tokenizerJson, temporary);
    List<NamedTensor> moments = new ArrayList<>();
    for (Map.Entry<String, NDArray> entry : optimizer.state().entrySet()) {
      NDArray moment = entry.getValue();
      moments.add(new NamedTensor(entry.getKey(), moment.getShape().getShape(), SafeDtype.F32, moment.toFloatArray()));
    }
    SafetensorsWriter.write(temporary.resolve(OPTIMIZER), Map.of("optimizer", "adamw"), moments);
    state.write(temporary);
    LocalFiles.deleteRecursively(finished);
    Files.move(temporary, finished, StandardCopyOption.ATOMIC_MOVE);
    return finished;
  }

  /** The newest complete checkpoint under {@code out}, if any. */
  public static Optional<Path> latest(Path out) throws IOException {
    Path root = out.resolve(DIR);
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(dir -> STEP_DIR.matcher(dir.getFileName().toString()).matches())
          .filter(dir -> Files.exists(dir.resolve(TrainerState.FILE)))
          .max(Comparator.comparingInt(Checkpoints::stepOf));
    }
  }

  /** Deletes the checkpoints under {@code out} older than {@code step}, once a newer one is safely elsewhere. */
  public static void deleteOlderThan(Path out, int step) throws IOException {
    Path root = out.resolve(DIR);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(dir -> STEP_DIR.matcher(dir.getFileName().toString()).matches()).toList()) {
        if (stepOf(dir) < step) {
          LocalFiles.deleteRecursively(dir);
        }
      }
    }
  }

  public static int stepOf(Path dir) {
    Matcher matcher = STEP_DIR.matcher(dir.getFileName().toString());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(dir + " is not a checkpoint directory");
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** The AdamW moments saved in a checkpoint, by name. */
  public static Map<String, float[]> optimizerState(Path checkpoint) throws IOException {
    Map<String, float[]> state = new LinkedHashMap<>();
    try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(checkpoint, "optimizer")) {
      file.tensors().forEach(tensor -> state.put(tensor.name(), file.readFloats(tensor.name())));
    }
    return state;
  }
}
