package dev.cptflow.activities.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
  @TempDir Path tmp;

  /** Seeded values over many magnitudes: f16 subnormals, normals and overflow, plus the edge cases. */
  private static float[] values(int n) {
    Random random = new Random(42);
    float[] values = new float[n];
    float[] edges = {0f, -0f, 1f, -2f, 65504f, 65520f, -65519.99f, 0x1p-24f, 0x1p-25f, 3 * 0x1p-26f, 1e-40f,
        Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    System.arraycopy(edges, 0, values, 0, edges.length);
    for (int i = edges.length; i < n; i++) {
      values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(15) - 9));
    }
    return values;
  }

  /**
   * The representable value nearest {@code value}, ties to the even bit pattern — found by binary search over
   * the ordered positive bit patterns of the format, independent of the bit tricks under test.
   */
  private static float nearest(float value, IntToDoubleFunction decode, int largestFinite, double nextAfterLargest) {
    if (Float.isInfinite(value)) {
      return value;
    }
    double magnitude = Math.abs((double) value);
    int lo = 0;
    int hi = largestFinite;
    while (lo < hi) { // largest pattern whose value is <= magnitude
      int mid = (lo + hi + 1) >>> 1;
      if (decode.applyAsDouble(mid) <= magnitude) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    double below = decode.applyAsDouble(lo);
    double above = lo == largestFinite ? nextAfterLargest : decode.applyAsDouble(lo + 1);
    double downDistance = magnitude - below;
    double upDistance = above - magnitude;
    boolean up = upDistance < downDistance || (upDistance == downDistance && (lo & 1) == 1);
    double rounded = up ? above : below;
    float result = rounded == nextAfterLargest ? Float.POSITIVE_INFINITY : (float) rounded;
    return Math.copySign(result, value);
  }

  private static float[] expected(float[] values, SafeDtype dtype) {
    float[] expected = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      expected[i] = switch (dtype) {
        case F16 -> nearest(values[i], bits -> HalfFloats.f16ToFloat((short) bits), 0x7BFF, 0x1p16);
        case BF16 -> nearest(values[i], bits -> HalfFloats.bf16ToFloat((short) bits), 0x7F7F, 0x1p128);
        default -> values[i];
      };
    }
    return expected;
  }

  @Test
  void f32F16Bf16AndF64RoundTripToTheValueRoundedToTheirDtype() throws IOException {
    float[] values = values(5000);
    Path file = tmp.resolve("model.safetensors");
    SafetensorsWriter.write(file, Map.of("step", "100"), List.of(
        new NamedTensor("f32", new long[] {50, 100}, SafeDtype.F32, values),
        new NamedTensor("f16", new long[] {5000}, SafeDtype.F16, values),
        new NamedTensor("bf16", new long[] {10, 10, 50}, SafeDtype.BF16, values),
        new NamedTensor("f64", new long[] {5000}, SafeDtype.F64, values)));

    try (SafetensorsFile read = SafetensorsFile.open(file)) {
      assertArrayEquals(values, read.readFloats("f32"), "F32 is exact");
      assertArrayEquals(values, read.readFloats("f64"), "F64 holds every float exactly");
      assertArrayEquals(expected(values, SafeDtype.F16), read.readFloats("f16"));
      assertArrayEquals(expected(values, SafeDtype.BF16), read.readFloats("bf16"));
      TensorInfo bf16 = read.info("bf16").orElseThrow();
      assertEquals(SafeDtype.BF16, bf16.dtype());
      assertArrayEquals(new long[] {10, 10, 50}, bf16.shape());
      assertEquals(10_000, bf16.byteLength());
      assertEquals(Map.of("format", "pt", "step", "100"), read.metadata());
    }
  }

  @Test
  void referenceRoundingAgreesWithHandKnownValues() {
    // Guards the reference itself, so the round-trip test cannot pass against a wrong oracle.
    assertEquals(1.0f, nearest(1 + 0x1p-11f, b -> HalfFloats.f16ToFloat((short) b), 0x7BFF, 0x1p16));
    assertEquals(Float.POSITIVE_INFINITY, nearest(65520f, b -> HalfFloats.f16ToFloat((short) b), 0x7BFF, 0x1p16));
    assertEquals(0x1p-24f, nearest(Math.nextUp(0x1p-25f), b -> HalfFloats.f16ToFloat((short) b), 0x7BFF, 0x1p16));
    assertEquals(-3.140625f, nearest((float) -Math.PI, b -> HalfFloats.bf16ToFloat((short) b), 0x7F7F, 0x1p128));
  }
}
