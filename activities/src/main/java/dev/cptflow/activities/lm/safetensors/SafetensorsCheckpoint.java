package dev.cptflow.activities.lm.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A Hugging Face checkpoint directory read the way transformers reads it: {@code model.safetensors} if present,
 * else the shards named by {@code model.safetensors.index.json}. Tensors are looked up by name across shards.
 */
public final class SafetensorsCheckpoint implements AutoCloseable {
  private final Path dir;
  private final List<SafetensorsFile> files;
  /** Name to the file holding it, sorted by name; for a sharded checkpoint exactly the index's weight map. */
  private final Map<String, SafetensorsFile> fileByTensor;

  private SafetensorsCheckpoint(Path dir, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileByTensor) {
    this.dir = dir;
    this.files = List.copyOf(files);
    this.fileByTensor = fileByTensor;
  }

  public static SafetensorsCheckpoint open(Path dir) throws IOException {
    return open(dir, CheckpointFiles.DEFAULT_BASE_NAME);
  }

  /** For a checkpoint written under another base name by {@link SafetensorsWriter#writeSharded}. */
  public static SafetensorsCheckpoint open(Path dir, String baseName) throws IOException {
    Path single = CheckpointFiles.single(dir, baseName);
    Path index = CheckpointFiles.index(dir, baseName);
    if (Files.exists(single)) {
      SafetensorsFile file = SafetensorsFile.open(single);
      Map<String, SafetensorsFile> byTensor = new TreeMap<>();
      file.tensors().forEach(t -> byTensor.put(t.name(), file));
      return new SafetensorsCheckpoint(dir, List.of(file), byTensor);
    }
    if (Files.exists(index)) {
      return openSharded(dir, index);
    }
    throw new NoSuchFileException(dir.toString(), null,
        "not a checkpoint: neither " + single.getFileName() + " nor " + index.getFileName() + " exists");
  }

  private static SafetensorsCheckpoint openSharded(Path dir, Path index) throws IOException {
    Map<String, String> weightMap = readWeightMap(index);
    List<String> missingShards = weightMap.values().stream().distinct().sorted()
        .filter(shard -> !Files.exists(dir.resolve(shard))).toList();
    if (!missingShards.isEmpty()) {
      throw new NoSuchFileException(index.toString(), null, "names missing shard(s) " + missingShards);
    }
    Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
    try {
      for (String shard : weightMap.values().stream().distinct().sorted().toList()) {
        shards.put(shard, SafetensorsFile.open(dir.resolve(shard)));
      }
      Map<String, SafetensorsFile> byTensor = new TreeMap<>();
      List<String> absent = new ArrayList<>();
      weightMap.forEach((tensor, shard) -> {
        SafetensorsFile file = shards.get(shard);
        if (file.info(tensor).isPresent()) {
          byTensor.put(tensor, file);
        } else {
          absent.add(tensor + " (in " + shard + ")");
        }
      });
      if (!absent.isEmpty()) {
        throw new SafetensorsFormatException(index + " lists tensors absent from their shards: " + absent);
      }
      return new SafetensorsCheckpoint(dir, new ArrayList<>(shards.values()), byTensor);
    } catch (IOException | RuntimeException e) {
      for (SafetensorsFile file : shards.values()) {
        file.close();
      }
      throw e;
    }
  }

  private static Map<String, String> readWeightMap(Path index) throws IOException {
    JsonNode weightMap;
    try {
      weightMap = Header.MAPPER.readTree(index.toFile()).path("weight_map");
    } catch (JsonProcessingException e) {
      throw new SafetensorsFormatException(index + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!weightMap.isObject()) {
      throw new SafetensorsFormatException(index + " has no weight_map object");
    }
    Map<String, String> result = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String shard = entry.getValue().asText("");
      // Shards live beside the index; refusing paths keeps a hostile index from reading elsewhere.
      if (!shard.endsWith(".safetensors") || shard.contains("/") || shard.contains("\\")) {
        throw new SafetensorsFormatException(
            index + ": tensor " + entry.getKey() + " maps to '" + shard + "', not a shard file name");
      }
      result.put(entry.getKey(), shard);
    }
    return result;
  }

  public Path dir() {
    return dir;
  }

  /** Every tensor across all files, sorted by name. */
  public List<TensorInfo> tensors() {
    return fileByTensor.entrySet().stream().map(e -> e.getValue().info(e.getKey()).orElseThrow()).toList();
  }

  public Optional<TensorInfo> info(String name) {
    return Optional.ofNullable(fileByTensor.get(name)).flatMap(file -> file.info(name));
  }

  /** The {@code __metadata__} of the checkpoint's first file (the writer gives every shard the same). */
  public Map<String, String> metadata() {
    return files.isEmpty() ? Map.of() : files.get(0).metadata();
  }

  /** See {@link SafetensorsFile#readFloats(String)}. */
  public float[] readFloats(String name) {
    return file(name).readFloats(name);
  }

  /** See {@link SafetensorsFile#readFloats(String, long, float[], int, int)}. */
  public void readFloats(String name, long firstElement, float[] dst, int dstOffset, int count) {
    file(name).readFloats(name, firstElement, dst, dstOffset, count);
  }

  /** See {@link SafetensorsFile#readLongs(String)}. */
  public long[] readLongs(String name) {
    return file(name).readLongs(name);
  }

  private SafetensorsFile file(String name) {
    SafetensorsFile file = fileByTensor.get(name);
    if (file == null) {
      throw new SafetensorsFormatException(dir + ": checkpoint has no tensor named " + name);
    }
    return file;
  }

  /** Checks that the checkpoint holds exactly {@code expectedShapes}; see the overload. */
  public void verify(Map<String, long[]> expectedShapes) {
    verify(expectedShapes, name -> false);
  }

  /**
   * Checks that the checkpoint holds exactly the tensors in {@code expectedShapes}, with those shapes, apart
   * from extra tensors for which {@code ignoredExtra} holds (see {@link TensorNamePatterns}).
   *
   * @throws CheckpointMismatchException listing every missing, unexpected and mis-shaped tensor
   */
  public void verify(Map<String, long[]> expectedShapes, Predicate<String> ignoredExtra) {
    Map<String, long[]> actual = new TreeMap<>();
    tensors().forEach(t -> actual.put(t.name(), t.shape()));
    List<String> problems = ShapeCheck.problems(actual, expectedShapes, ignoredExtra);
    if (!problems.isEmpty()) {
      throw new CheckpointMismatchException(dir, problems);
    }
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (SafetensorsFile file : files) {
      try {
        file.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
