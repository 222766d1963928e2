package dev.cptflow.activities.lm.safetensors;

/**
 * Conversions between float and the 16-bit float formats, done by hand because Java 17 has no
 * {@code Float.floatToFloat16}. Narrowing rounds to nearest, ties to even, as PyTorch does.
 */
final class HalfFloats {
  private HalfFloats() {}

  static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      // Plain truncation could clear every mantissa bit left and turn a NaN into infinity; force a quiet NaN.
      return (short) ((bits >>> 16) | 0x40);
    }
    int tiesToEven = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + tiesToEven) >>> 16);
  }

  static float f16ToFloat(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, exact in float.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + (127 - 15)) << 23) | (mantissa << 13));
  }

  static short floatToF16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7FFFFF;
    if (exponent == 0xFF) {
      return (short) (sign | 0x7C00 | (mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13)));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign; // below half the smallest subnormal: rounds to (signed) zero
      }
      // Subnormal result: the value in units of 2^-24, from the 24-bit significand with its implicit bit.
      return (short) (sign | roundShift(mantissa | 0x800000, 14 - halfExponent));
    }
    // A rounding carry out of the mantissa correctly bumps the exponent, up to infinity.
    return (short) (sign | roundShift((halfExponent << 23) | mantissa, 13));
  }

  /** {@code value >>> shift}, rounded to nearest with ties to even. */
  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int dropped = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    if (dropped > half || (dropped == half && (kept & 1) == 1)) {
      kept++;
    }
    return kept;
  }
}
