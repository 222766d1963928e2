package dev.cptflow.activities.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built byte by byte, so the reader is held to the format rather than to our own writer. */
class SafetensorsFormatTest {
  @TempDir Path tmp;

  /** 8-byte little-endian header length, the header, then the data. */
  static Path handBuilt(Path file, String header, byte[] data) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long length = json.length;
    for (int i = 0; i < 8; i++) {
      out.write((int) (length >>> (8 * i)) & 0xFF);
    }
    out.write(json);
    out.write(data);
    return Files.write(file, out.toByteArray());
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void readsAHandBuiltFileWithKnownBytes() throws IOException {
    String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        + "\"__metadata__\":{\"format\":\"pt\",\"note\":\"hand\"},"
        + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[16,22]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[22,26]},"
        + "\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[26,42]},"
        + "\"scalar\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[42,50]}}";
    byte[] data = bytes(
        0x00, 0x00, 0x80, 0x3F, // F32 1.0
        0x00, 0x00, 0x20, 0xC0, // F32 -2.5
        0xCD, 0xCC, 0xCC, 0x3D, // F32 0.1f
        0x00, 0xFE, 0x7F, 0x47, // F32 65534.0
        0x00, 0x3C, // F16 1.0
        0x00, 0xC0, // F16 -2.0
        0x01, 0x00, // F16 2^-24
        0x80, 0x3F, // BF16 1.0
        0x49, 0xC0, // BF16 -3.140625
        0x07, 0, 0, 0, 0, 0, 0, 0, // I64 7
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // I64 -1
        0, 0, 0, 0, 0, 0, 0x04, 0x40); // F64 2.5
    Path file = handBuilt(tmp.resolve("hand.safetensors"), header, data);

    try (SafetensorsFile read = SafetensorsFile.open(file)) {
      assertEquals(List.of("b", "h", "ids", "scalar", "w"), read.tensors().stream().map(TensorInfo::name).toList());
      assertEquals(Map.of("format", "pt", "note", "hand"), read.metadata());
      assertArrayEquals(new float[] {1.0f, -2.5f, 0.1f, 65534f}, read.readFloats("w"));
      assertArrayEquals(new float[] {1.0f, -2.0f, 0x1p-24f}, read.readFloats("h"));
      assertArrayEquals(new float[] {1.0f, -3.140625f}, read.readFloats("b"));
      assertArrayEquals(new long[] {7, -1}, read.readLongs("ids"));
      assertArrayEquals(new float[] {2.5f}, read.readFloats("scalar"));
      TensorInfo w = read.info("w").orElseThrow();
      assertArrayEquals(new long[] {2, 2}, w.shape());
      assertEquals(0, w.byteOffset());
      assertEquals(16, w.byteLength());
      assertEquals(4, w.elementCount());
      assertEquals(1, read.info("scalar").orElseThrow().elementCount());
      assertTrue(read.info("absent").isEmpty());
    }
  }

  @Test
  void unsupportedDtypeNamesFileTensorAndDtype() throws IOException {
    Path file = handBuilt(tmp.resolve("f8.safetensors"),
        "{\"q\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);

    SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(file));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("tensor q"), e.getMessage());
    assertTrue(e.getMessage().contains("F8_E4M3"), e.getMessage());
  }

  @Test
  void readingFloatsFromAnIntegerTensorNamesTheDtype() throws IOException {
    Path file = handBuilt(tmp.resolve("ids.safetensors"),
        "{\"ids\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", bytes(5, 0, 0, 0));
    try (SafetensorsFile read = SafetensorsFile.open(file)) {
      assertArrayEquals(new long[] {5}, read.readLongs("ids"));
      SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> read.readFloats("ids"));
      assertTrue(e.getMessage().contains("ids") && e.getMessage().contains("I32"), e.getMessage());
    }
  }

  @Test
  void rejectsOffsetsOutsideTheDataOrDisagreeingWithTheShape() throws IOException {
    Path past = handBuilt(tmp.resolve("past.safetensors"),
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[4]);
    Path wrongSize = handBuilt(tmp.resolve("size.safetensors"),
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
    Path badLength = Files.write(tmp.resolve("len.safetensors"), bytes(0xFF, 0, 0, 0, 0, 0, 0, 0, '{', '}'));

    assertTrue(assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(past))
        .getMessage().contains("data_offsets [0, 8]"));
    assertTrue(assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(wrongSize))
        .getMessage().contains("needs 12 bytes"));
    assertTrue(assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(badLength))
        .getMessage().contains("header length 255"));
  }
}
