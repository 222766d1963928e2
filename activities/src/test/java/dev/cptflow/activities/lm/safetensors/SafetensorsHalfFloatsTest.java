package dev.cptflow.activities.lm.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 16-bit conversions against bit patterns known from the IEEE 754 and bfloat16 definitions. */
class SafetensorsHalfFloatsTest {
  private static void assertF16(int bits, float value) {
    assertEquals(bits, HalfFloats.floatToF16(value) & 0xFFFF, () -> "f16 of " + value);
    assertEquals(value, HalfFloats.f16ToFloat((short) bits), () -> "float of f16 " + Integer.toHexString(bits));
  }

  @Test
  void f16MatchesKnownBitPatternsBothWays() {
    assertF16(0x3C00, 1.0f);
    assertF16(0xC000, -2.0f);
    assertF16(0x7BFF, 65504f);
    assertF16(0x0001, 0x1p-24f);
    assertF16(0x03FF, 1023 * 0x1p-24f);
    assertF16(0x0400, 0x1p-14f);
    assertF16(0x3555, 0.333251953125f);
    assertF16(0x7C00, Float.POSITIVE_INFINITY);
    assertF16(0xFC00, Float.NEGATIVE_INFINITY);
    assertF16(0x0000, 0f);
    assertF16(0x8000, -0f);
  }

  @Test
  void f16RoundsToNearestEvenAndOverflowsToInfinity() {
    assertEquals(0x7BFF, HalfFloats.floatToF16(65519.99f) & 0xFFFF);
    assertEquals(0x7C00, HalfFloats.floatToF16(65520f) & 0xFFFF, "the midpoint to 2^16 rounds to even: infinity");
    assertEquals(0x0000, HalfFloats.floatToF16(0x1p-25f) & 0xFFFF, "half the smallest subnormal ties to zero");
    assertEquals(0x0002, HalfFloats.floatToF16(3 * 0x1p-25f) & 0xFFFF, "1.5 subnormal units ties to 2");
    assertEquals(0x0001, HalfFloats.floatToF16(Math.nextUp(0x1p-25f)) & 0xFFFF);
    assertEquals(0x3C00, HalfFloats.floatToF16(1 + 0x1p-11f) & 0xFFFF, "tie between 1 and 1+2^-10 goes to even");
    assertEquals(0x3C02, HalfFloats.floatToF16(1 + 3 * 0x1p-11f) & 0xFFFF, "tie goes up to even");
    assertEquals(0x0400, HalfFloats.floatToF16(Math.nextDown(0x1p-14f)) & 0xFFFF, "subnormal rounds up to normal");
  }

  @Test
  void nanStaysNanInBothFormats() {
    assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(Float.NaN))));
    assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN))));
    // A NaN whose payload lies only in the low 16 bits must not truncate to infinity.
    float lowPayloadNan = Float.intBitsToFloat(0x7F800001);
    assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(lowPayloadNan))));
    assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7E00)));
  }

  @Test
  void bf16MatchesKnownBitPatternsAndRoundsToNearestEven() {
    assertEquals(0x3F80, HalfFloats.floatToBf16(1.0f) & 0xFFFF);
    assertEquals(0xC000, HalfFloats.floatToBf16(-2.0f) & 0xFFFF);
    assertEquals(0x4049, HalfFloats.floatToBf16((float) Math.PI) & 0xFFFF);
    assertEquals(0x3F80, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808000)) & 0xFFFF, "tie to even (down)");
    assertEquals(0x3F82, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F818000)) & 0xFFFF, "tie to even (up)");
    assertEquals(0x3F81, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808001)) & 0xFFFF, "above the tie");
    assertEquals(0x7F80, HalfFloats.floatToBf16(Float.MAX_VALUE) & 0xFFFF, "rounds past the largest to infinity");
    assertEquals(1.0f, HalfFloats.bf16ToFloat((short) 0x3F80));
    assertEquals(-3.140625f, HalfFloats.bf16ToFloat((short) 0xC049));
  }
}
