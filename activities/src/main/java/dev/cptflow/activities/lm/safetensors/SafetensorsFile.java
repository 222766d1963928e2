package dev.cptflow.activities.lm.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code .safetensors} file, memory-mapped read-only. Files of any size work: the data section is mapped in
 * windows (see {@link MappedData}). Reads convert to Java arrays; a tensor too large for one array is read in
 * ranges with {@link #readFloats(String, long, float[], int, int)}. Reads may run concurrently.
 */
public final class SafetensorsFile implements AutoCloseable {
  /** Window size for real files: a few windows even for multi-GiB checkpoints, far below the 2 GiB map limit. */
  static final long DEFAULT_WINDOW_BYTES = 1L << 30;

  private final Path path;
  private final Header header;
  private final Map<String, TensorInfo> byName = new LinkedHashMap<>();
  private final MappedData data;
  private final FileChannel channel;
  private volatile boolean closed;

  private SafetensorsFile(Path path, Header header, MappedData data, FileChannel channel) {
    this.path = path;
    this.header = header;
    this.data = data;
    this.channel = channel;
    header.tensors().forEach(t -> byName.put(t.name(), t));
  }

  public static SafetensorsFile open(Path file) throws IOException {
    return open(file, DEFAULT_WINDOW_BYTES);
  }

  /** With a chosen window size, so tests can exercise many windows without multi-GiB files. */
  static SafetensorsFile open(Path file, long windowBytes) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = channel.size();
      ByteBuffer lengthBytes = readFully(channel, 0, 8, file);
      long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerLength < 2 || headerLength > Math.min(Header.MAX_HEADER_BYTES, size - 8)) {
        throw new SafetensorsFormatException(
            file + ": header length " + headerLength + " is impossible for a " + size + "-byte file");
      }
      ByteBuffer json = readFully(channel, 8, (int) headerLength, file);
      long dataStart = 8 + headerLength;
      Header header = Header.parse(json.array(), size - dataStart, file.toString());
      MappedData data = new MappedData(channel, dataStart, size - dataStart, windowBytes);
      return new SafetensorsFile(file, header, data, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
    if (channel.size() < position + length) {
      throw new SafetensorsFormatException(file + ": too short (" + channel.size() + " bytes) to be safetensors");
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new SafetensorsFormatException(file + ": ended while reading its header");
      }
    }
    return buffer.flip();
  }

  public Path path() {
    return path;
  }

  /** Every tensor, sorted by name. */
  public List<TensorInfo> tensors() {
    return header.tensors();
  }

  public Optional<TensorInfo> info(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The header's {@code __metadata__}; empty if it has none. */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /** The whole tensor as float, converting from F64, F16 or BF16; row-major, as stored. */
  public float[] readFloats(String name) {
    TensorInfo info = floating(name);
    float[] values = new float[arrayLength(info)];
    readFloats(name, 0, values, 0, values.length);
    return values;
  }

  /**
   * Elements {@code [firstElement, firstElement + count)} of the tensor (row-major) into
   * {@code dst[dstOffset..]}: the way to read a tensor of more than 2^31 elements.
   */
  public void readFloats(String name, long firstElement, float[] dst, int dstOffset, int count) {
    TensorInfo info = floating(name);
    if (firstElement < 0 || count < 0 || firstElement + count > info.elementCount()) {
      throw new IndexOutOfBoundsException(
          path + ": elements [" + firstElement + ", " + (firstElement + count) + ") of " + info);
    }
    Objects.checkFromIndexSize(dstOffset, count, dst.length);
    int size = info.dtype().byteSize();
    data.read(info.byteOffset() + firstElement * size, count, size,
        (chunk, first, n) -> decodeFloats(info.dtype(), chunk, dst, dstOffset + first, n));
  }

  private static void decodeFloats(SafeDtype dtype, ByteBuffer chunk, float[] dst, int offset, int count) {
    switch (dtype) {
      case F32 -> chunk.asFloatBuffer().get(dst, offset, count);
      case F16 -> {
        ShortBuffer halves = chunk.asShortBuffer();
        for (int i = 0; i < count; i++) {
          dst[offset + i] = HalfFloats.f16ToFloat(halves.get(i));
        }
      }
      case BF16 -> {
        ShortBuffer halves = chunk.asShortBuffer();
        for (int i = 0; i < count; i++) {
          dst[offset + i] = HalfFloats.bf16ToFloat(halves.get(i));
        }
      }
      case F64 -> {
        DoubleBuffer doubles = chunk.asDoubleBuffer();
        for (int i = 0; i < count; i++) {
          dst[offset + i] = (float) doubles.get(i);
        }
      }
      default -> throw new IllegalStateException("not a floating dtype: " + dtype);
    }
  }

  /** The whole tensor as long, widening any integer dtype (U8 and BOOL unsigned). */
  public long[] readLongs(String name) {
    TensorInfo info = tensor(name);
    if (info.dtype().isFloating()) {
      throw new SafetensorsFormatException(
          path + ": tensor " + name + " has dtype " + info.dtype() + "; readLongs reads integer dtypes only");
    }
    long[] values = new long[arrayLength(info)];
    int size = info.dtype().byteSize();
    data.read(info.byteOffset(), values.length, size, (chunk, first, n) -> {
      switch (info.dtype()) {
        case I64 -> chunk.asLongBuffer().get(values, first, n);
        case I32 -> {
          for (int i = 0; i < n; i++) {
            values[first + i] = chunk.getInt(i * 4);
          }
        }
        case I16 -> {
          for (int i = 0; i < n; i++) {
            values[first + i] = chunk.getShort(i * 2);
          }
        }
        case I8 -> {
          for (int i = 0; i < n; i++) {
            values[first + i] = chunk.get(i);
          }
        }
        default -> { // U8, BOOL
          for (int i = 0; i < n; i++) {
            values[first + i] = chunk.get(i) & 0xFF;
          }
        }
      }
    });
    return values;
  }

  private TensorInfo floating(String name) {
    TensorInfo info = tensor(name);
    if (!info.dtype().isFloating()) {
      throw new SafetensorsFormatException(
          path + ": tensor " + name + " has dtype " + info.dtype() + "; readFloats converts F64, F32, F16 and BF16 only");
    }
    return info;
  }

  private TensorInfo tensor(String name) {
    if (closed) {
      throw new IllegalStateException(path + " is closed");
    }
    TensorInfo info = byName.get(name);
    if (info == null) {
      throw new SafetensorsFormatException(path + ": no tensor named " + name);
    }
    return info;
  }

  private int arrayLength(TensorInfo info) {
    if (info.elementCount() > Integer.MAX_VALUE - 8) {
      throw new UnsupportedOperationException(
          path + ": " + info + " has too many elements for one Java array; read it in ranges");
    }
    return (int) info.elementCount();
  }

  /**
   * Closes the file. The mappings stay valid until garbage-collected (Java cannot unmap explicitly), so this
   * only stops further reads through this object.
   */
  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
  }
}
