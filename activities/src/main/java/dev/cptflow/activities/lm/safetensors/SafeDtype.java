package dev.cptflow.activities.lm.safetensors;

import java.util.Optional;

/** The safetensors element types this package understands; the constant names are the header's spelling. */
public enum SafeDtype {
  F64(8),
  F32(4),
  F16(2),
  BF16(2),
  I64(8),
  I32(4),
  I16(2),
  I8(1),
  U8(1),
  BOOL(1);

  /** The widest element; windows of a mapped file overlap by one element less so no element is ever split. */
  static final int MAX_BYTE_SIZE = 8;

  private final int byteSize;

  SafeDtype(int byteSize) {
    this.byteSize = byteSize;
  }

  public int byteSize() {
    return byteSize;
  }

  /** Whether {@link SafetensorsFile#readFloats} converts this type (and the writer produces it). */
  public boolean isFloating() {
    return this == F64 || this == F32 || this == F16 || this == BF16;
  }

  /** The dtype a header names, or empty for a type this package does not support (e.g. F8_E4M3). */
  public static Optional<SafeDtype> fromHeaderName(String name) {
    for (SafeDtype dtype : values()) {
      if (dtype.name().equals(name)) {
        return Optional.of(dtype);
      }
    }
    return Optional.empty();
  }
}
