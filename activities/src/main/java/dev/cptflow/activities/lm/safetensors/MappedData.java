package dev.cptflow.activities.lm.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file's data section, memory-mapped read-only in windows, because one MappedByteBuffer cannot exceed 2 GiB.
 * Window {@code i} starts at {@code i * windowSize} and maps {@link SafeDtype#MAX_BYTE_SIZE} - 1 bytes past the
 * next window's start, so every element that starts in a window also ends in it: reads never split an element,
 * whatever the tensor offsets, and a tensor that spans windows is served as one chunk per window.
 */
final class MappedData {
  /** Receives a run of whole elements: a little-endian buffer over them and the index of the first one. */
  interface ChunkSink {
    void accept(ByteBuffer chunk, int firstElement, int elementCount);
  }

  private final long windowSize;
  private final MappedByteBuffer[] windows;

  MappedData(FileChannel channel, long dataStart, long dataLength, long windowSize) throws IOException {
    if (windowSize <= 0 || windowSize > Integer.MAX_VALUE - SafeDtype.MAX_BYTE_SIZE) {
      throw new IllegalArgumentException("window size " + windowSize + " is not in (0, 2 GiB - 8]");
    }
    this.windowSize = windowSize;
    this.windows = new MappedByteBuffer[Math.toIntExact((dataLength + windowSize - 1) / windowSize)];
    for (int i = 0; i < windows.length; i++) {
      long start = i * windowSize;
      long end = Math.min(dataLength, start + windowSize + SafeDtype.MAX_BYTE_SIZE - 1);
      windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + start, end - start);
    }
  }

  /**
   * Hands {@code sink} the {@code elementCount} elements of {@code elementSize} bytes that start at data-section
   * offset {@code byteOffset}, in order, as one chunk per window they start in. The caller has checked the
   * range lies within the data section. Safe to call from several threads: slices never move shared positions.
   */
  void read(long byteOffset, int elementCount, int elementSize, ChunkSink sink) {
    long position = byteOffset;
    int done = 0;
    while (done < elementCount) {
      int window = (int) (position / windowSize);
      long windowStart = window * windowSize;
      long startingHere = (windowStart + windowSize - position + elementSize - 1) / elementSize;
      int count = (int) Math.min(elementCount - done, startingHere);
      ByteBuffer chunk = windows[window]
          .slice((int) (position - windowStart), count * elementSize)
          .order(ByteOrder.LITTLE_ENDIAN);
      sink.accept(chunk, done, count);
      done += count;
      position += (long) count * elementSize;
    }
  }
}
