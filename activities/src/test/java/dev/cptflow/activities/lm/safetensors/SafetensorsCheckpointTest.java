package dev.cptflow.activities.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointTest {
  @TempDir Path dir;

  private static NamedTensor tensor(String name, int... shape) {
    long[] longShape = Arrays.stream(shape).asLongStream().toArray();
    float[] values = new float[Math.toIntExact(TensorInfo.elementCount(longShape))];
    for (int i = 0; i < values.length; i++) {
      values[i] = name.hashCode() % 97 + i * 0.25f;
    }
    return new NamedTensor(name, longShape, SafeDtype.F32, values);
  }

  private static final List<NamedTensor> TENSORS = List.of(
      tensor("gpt_neox.embed_in.weight", 16, 8), // 512 bytes
      tensor("gpt_neox.layers.0.attention.query_key_value.weight", 24, 8), // 768 bytes
      tensor("gpt_neox.layers.0.attention.dense.weight", 8, 8), // 256 bytes
      tensor("embed_out.weight", 16, 8)); // 512 bytes

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shardedCheckpointWritesHfIndexAndReadsByNameAcrossShards() throws IOException {
    SafetensorsWriter.writeSharded(dir, "model", 1024, Map.of("step", "3"), TENSORS);

    assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
        "model-00003-of-00003.safetensors", "model.safetensors.index.json"), files());
    JsonNode index = new ObjectMapper().readTree(dir.resolve("model.safetensors.index.json").toFile());
    assertEquals(2048, index.path("metadata").path("total_size").asLong());
    assertEquals("model-00002-of-00003.safetensors",
        index.path("weight_map").path("gpt_neox.layers.0.attention.query_key_value.weight").asText());
    assertEquals(4, index.path("weight_map").size());

    try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
      for (NamedTensor t : TENSORS) {
        assertArrayEquals(t.values(), checkpoint.readFloats(t.name()), t.name());
        assertArrayEquals(t.shape(), checkpoint.info(t.name()).orElseThrow().shape());
      }
      assertEquals(List.of("embed_out.weight", "gpt_neox.embed_in.weight", "gpt_neox.layers.0.attention.dense.weight",
          "gpt_neox.layers.0.attention.query_key_value.weight"),
          checkpoint.tensors().stream().map(TensorInfo::name).toList());
      assertEquals("3", checkpoint.metadata().get("step"));
    }
  }

  @Test
  void everythingInOneShardIsAPlainModelFileWithoutIndex() throws IOException {
    SafetensorsWriter.writeSharded(dir, "model", 1024, Map.of(), TENSORS);
    SafetensorsWriter.writeSharded(dir, "model", 1 << 20, Map.of(), TENSORS);

    assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
        "model-00003-of-00003.safetensors", "model.safetensors"), files(), "the stale index is gone");
    try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
      assertEquals(4, checkpoint.tensors().size());
      assertArrayEquals(TENSORS.get(3).values(), checkpoint.readFloats("embed_out.weight"));
    }
  }

  @Test
  void verifyReportsMissingExtraAndMisShapedTensorsInOneMessage() throws IOException {
    SafetensorsWriter.writeSharded(dir, "model", 1024, Map.of(), List.of(
        tensor("gpt_neox.embed_in.weight", 512, 2),
        tensor("gpt_neox.layers.0.attention.dense.weight", 8, 8),
        tensor("gpt_neox.layers.0.attention.masked_bias", 1),
        tensor("gpt_neox.layers.0.attention.rotary_emb.inv_freq", 4),
        tensor("gpt_neox.layers.0.mlp.extra", 2)));
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("gpt_neox.embed_in.weight", new long[] {2, 512});
    expected.put("gpt_neox.layers.0.attention.dense.weight", new long[] {8, 8});
    expected.put("embed_out.weight", new long[] {16, 8});
    Predicate<String> ignored = TensorNamePatterns.anyOf(
        "gpt_neox.layers.*.attention.masked_bias", "gpt_neox.layers.*.attention.rotary_emb.inv_freq");

    try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
      CheckpointMismatchException e =
          assertThrows(CheckpointMismatchException.class, () -> checkpoint.verify(expected, ignored));

      assertEquals(List.of(
          "missing tensor embed_out.weight",
          "unexpected tensor gpt_neox.layers.0.mlp.extra",
          "gpt_neox.embed_in.weight: expected [2, 512], got [512, 2]"), e.problems());
      List<String> lines = e.getMessage().lines().toList();
      assertEquals(4, lines.size(), e.getMessage());
      assertEquals(dir + ": gpt_neox.embed_in.weight: expected [2, 512], got [512, 2]", lines.get(3));
      assertTrue(lines.stream().skip(1).allMatch(line -> line.startsWith(dir + ": ")), e.getMessage());

      CheckpointMismatchException strict =
          assertThrows(CheckpointMismatchException.class, () -> checkpoint.verify(expected));
      assertEquals(5, strict.problems().size(), "without the ignore-set the buffers are extras too");
    }
  }

  @Test
  void verifyPassesForAnExactMatch() throws IOException {
    SafetensorsWriter.writeSharded(dir, "model", 1024, Map.of(), TENSORS);
    Map<String, long[]> expected = new LinkedHashMap<>();
    TENSORS.forEach(t -> expected.put(t.name(), t.shape()));
    try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
      assertDoesNotThrow(() -> checkpoint.verify(expected));
    }
  }

  @Test
  void namePatternsMatchOneDotSeparatedPartPerStar() {
    Predicate<String> p = TensorNamePatterns.anyOf("gpt_neox.layers.*.attention.bias");
    assertTrue(p.test("gpt_neox.layers.11.attention.bias"));
    assertFalse(p.test("gpt_neox.layers.1.2.attention.bias"));
    assertFalse(p.test("gpt_neox.layers.1.attention.bias_x"));
    assertFalse(p.test("gpt_neoxXlayers.1.attention.bias"), "dots are literal");
    assertFalse(TensorNamePatterns.anyOf().test("anything"));
  }

  @Test
  void missingShardNamedInTheIndexIsAClearError() throws IOException {
    SafetensorsWriter.writeSharded(dir, "model", 1024, Map.of(), TENSORS);
    Files.delete(dir.resolve("model-00002-of-00003.safetensors"));

    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SafetensorsCheckpoint.open(dir));

    assertTrue(e.getMessage().contains("model-00002-of-00003.safetensors"), e.getMessage());
    assertTrue(e.getMessage().contains("model.safetensors.index.json"), e.getMessage());
  }

  @Test
  void tensorListedInTheIndexButAbsentFromItsShardIsAClearError() throws IOException {
    SafetensorsWriter.writeSharded(dir, "model", 1024, Map.of(), TENSORS);
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(index, Files.readString(index).replace(
        "\"weight_map\" : {", "\"weight_map\" : {\n    \"ghost.weight\" : \"model-00001-of-00003.safetensors\","));

    SafetensorsFormatException e =
        assertThrows(SafetensorsFormatException.class, () -> SafetensorsCheckpoint.open(dir));

    assertTrue(e.getMessage().contains("ghost.weight (in model-00001-of-00003.safetensors)"), e.getMessage());
  }

  @Test
  void directoryWithoutModelFileOrIndexIsAClearError() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SafetensorsCheckpoint.open(dir));
    assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("index.json"), e.getMessage());
  }
}
