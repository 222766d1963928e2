package dev.cptflow.activities.lm.safetensors;

import java.util.Arrays;

/**
 * A tensor to write: row-major float values, stored as {@code dtype} (F32 as is; F64 widened; F16 and BF16
 * rounded to nearest, ties to even). The values array is not copied — models are large — so it must not change
 * until the write returns.
 */
public record NamedTensor(String name, long[] shape, SafeDtype dtype, float[] values) {
  public NamedTensor {
    if (name == null || name.isEmpty() || name.equals(Header.METADATA_KEY)) {
      throw new IllegalArgumentException("tensor name '" + name + "' is not allowed");
    }
    if (!dtype.isFloating()) {
      throw new IllegalArgumentException(name + ": cannot write float values as " + dtype);
    }
    shape = shape.clone();
    if (TensorInfo.elementCount(shape) != values.length) {
      throw new IllegalArgumentException(
          name + ": shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
    }
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  long byteLength() {
    return (long) values.length * dtype.byteSize();
  }
}
