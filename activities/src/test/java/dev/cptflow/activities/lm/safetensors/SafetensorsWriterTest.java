package dev.cptflow.activities.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes the writer produces, checked against what the safetensors and transformers loaders require. */
class SafetensorsWriterTest {
  @TempDir Path tmp;

  @Test
  void headerIsSortedPaddedAndTensorsAreContiguousAndAligned() throws IOException {
    Path file = tmp.resolve("out.safetensors");
    SafetensorsWriter.write(file, Map.of("z", "last", "a", "first"), List.of(
        new NamedTensor("b.weight", new long[] {2}, SafeDtype.F32, new float[] {1, 2}),
        new NamedTensor("a.odd", new long[] {3}, SafeDtype.F16, new float[] {1, 2, 3})));

    byte[] bytes = Files.readAllBytes(file);
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertEquals(0, headerLength % 8, "padded so the data starts 8-byte aligned");
    assertEquals("{\"__metadata__\":{\"a\":\"first\",\"format\":\"pt\",\"z\":\"last\"},"
        + "\"a.odd\":{\"data_offsets\":[8,14],\"dtype\":\"F16\",\"shape\":[3]},"
        + "\"b.weight\":{\"data_offsets\":[0,8],\"dtype\":\"F32\",\"shape\":[2]}}", header.stripTrailing(),
        "sorted keys; the F32 tensor laid out first so neither is misaligned");
    assertTrue(header.substring(header.lastIndexOf('}') + 1).isBlank(), "padding is spaces");
    assertEquals(8 + headerLength + 14, bytes.length, "data offsets are contiguous to the end of the file");
  }

  @Test
  void writeLeavesNoTemporaryFilesAndReplacesAtomically() throws IOException {
    Path file = tmp.resolve("model.safetensors");
    SafetensorsWriter.write(file, Map.of(), List.of(new NamedTensor("x", new long[] {1}, SafeDtype.F32, new float[] {1})));
    SafetensorsWriter.write(file, Map.of(), List.of(new NamedTensor("x", new long[] {1}, SafeDtype.F32, new float[] {2})));

    try (Stream<Path> files = Files.list(tmp); SafetensorsFile read = SafetensorsFile.open(file)) {
      assertEquals(List.of(file), files.toList());
      assertEquals(2f, read.readFloats("x")[0]);
    }
  }

  @Test
  void rejectsValuesNotFillingTheShapeDuplicateNamesAndAForeignFormat() {
    assertThrows(IllegalArgumentException.class,
        () -> new NamedTensor("x", new long[] {2, 2}, SafeDtype.F32, new float[3]));
    assertThrows(IllegalArgumentException.class,
        () -> new NamedTensor("x", new long[] {1}, SafeDtype.I64, new float[1]));
    NamedTensor x = new NamedTensor("x", new long[] {1}, SafeDtype.F32, new float[1]);
    assertThrows(IllegalArgumentException.class,
        () -> SafetensorsWriter.write(tmp.resolve("dup.safetensors"), Map.of(), List.of(x, x)));
    assertThrows(IllegalArgumentException.class,
        () -> SafetensorsWriter.write(tmp.resolve("tf.safetensors"), Map.of("format", "tf"), List.of(x)));
  }
}
