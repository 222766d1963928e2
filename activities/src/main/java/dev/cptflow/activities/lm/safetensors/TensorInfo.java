package dev.cptflow.activities.lm.safetensors;

import java.util.Arrays;

/**
 * One tensor's header entry. {@code byteOffset} is relative to the start of the data section, as in the
 * header's {@code data_offsets}.
 */
public record TensorInfo(String name, SafeDtype dtype, long[] shape, long byteOffset, long byteLength) {
  public TensorInfo {
    shape = shape.clone();
  }

  /** A copy, so a caller cannot change the header we validated against. */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    return elementCount(shape);
  }

  static long elementCount(long[] shape) {
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape) + " @" + byteOffset + "+" + byteLength;
  }
}
