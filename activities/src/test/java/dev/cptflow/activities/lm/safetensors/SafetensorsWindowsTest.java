package dev.cptflow.activities.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-window mapping that lets files exceed 2 GiB, exercised with windows of a few bytes instead of
 * multi-GiB files: tensors then span many windows, and elements straddle window boundaries.
 */
class SafetensorsWindowsTest {
  @TempDir Path tmp;

  private static float[] random(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  @Test
  void tensorsSpanningManySmallWindowsReadLikeOneMapping() throws IOException {
    float[] f32 = random(37, 1);
    float[] f16 = random(29, 2);
    float[] bf16 = random(13, 3);
    float[] f64 = random(11, 4);
    Path file = tmp.resolve("model.safetensors");
    SafetensorsWriter.write(file, Map.of(), List.of(
        new NamedTensor("a", new long[] {37}, SafeDtype.F32, f32),
        new NamedTensor("b", new long[] {29}, SafeDtype.F16, f16),
        new NamedTensor("c", new long[] {13}, SafeDtype.BF16, bf16),
        new NamedTensor("d", new long[] {11}, SafeDtype.F64, f64)));

    try (SafetensorsFile whole = SafetensorsFile.open(file)) {
      for (long window : new long[] {64, 7, 1}) {
        try (SafetensorsFile windowed = SafetensorsFile.open(file, window)) {
          for (String name : List.of("a", "b", "c", "d")) {
            assertArrayEquals(whole.readFloats(name), windowed.readFloats(name), name + " with window " + window);
          }
        }
      }
      assertArrayEquals(f32, whole.readFloats("a"));
    }
  }

  @Test
  void elementsAtUnalignedOffsetsStraddleWindowBoundaries() throws IOException {
    // A 3-byte U8 tensor first puts every F32 and F64 element off any 4- or 8-byte boundary.
    float[] f32 = random(40, 5);
    float[] f64 = random(20, 6);
    ByteBuffer data = ByteBuffer.allocate(3 + 4 * 40 + 8 * 20).order(ByteOrder.LITTLE_ENDIAN);
    data.put(new byte[] {1, 2, (byte) 200});
    for (float v : f32) {
      data.putFloat(v);
    }
    for (float v : f64) {
      data.putDouble(v);
    }
    String header = "{\"u\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]},"
        + "\"f\":{\"dtype\":\"F32\",\"shape\":[4,10],\"data_offsets\":[3,163]},"
        + "\"d\":{\"dtype\":\"F64\",\"shape\":[20],\"data_offsets\":[163,323]}}";
    Path file = SafetensorsFormatTest.handBuilt(tmp.resolve("odd.safetensors"), header, data.array());

    try (SafetensorsFile read = SafetensorsFile.open(file, 64)) {
      assertArrayEquals(f32, read.readFloats("f"));
      assertArrayEquals(f64, read.readFloats("d"));
      assertArrayEquals(new long[] {1, 2, 200}, read.readLongs("u"));

      float[] range = new float[22];
      read.readFloats("f", 9, range, 1, 20);
      assertArrayEquals(Arrays.copyOfRange(f32, 9, 29), Arrays.copyOfRange(range, 1, 21), "a range across windows");
    }
  }
}
