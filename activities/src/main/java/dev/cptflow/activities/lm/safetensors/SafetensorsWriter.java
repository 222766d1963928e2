package dev.cptflow.activities.lm.safetensors;

import dev.cptflow.activities.store.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes safetensors files that the Python {@code safetensors} and {@code transformers} libraries load, and
 * Hugging Face sharded checkpoint directories. Tensors stream to disk through a small buffer, so the only
 * large memory is the caller's own arrays. Every file appears atomically, complete or not at all.
 */
public final class SafetensorsWriter {
  private static final int BUFFER_BYTES = 1 << 20;

  private SafetensorsWriter() {}

  /**
   * Writes one file. Its {@code __metadata__} is {@code metadata} plus {@code "format": "pt"}, which
   * transformers requires to load it.
   */
  public static void write(Path file, Map<String, String> metadata, List<NamedTensor> tensors) throws IOException {
    Map<String, String> fullMetadata = new TreeMap<>(metadata);
    String format = fullMetadata.putIfAbsent("format", "pt");
    if (format != null && !format.equals("pt")) {
      throw new IllegalArgumentException("metadata format must be \"pt\" for transformers to load it, not " + format);
    }
    List<NamedTensor> layout = dataLayout(tensors);
    List<TensorInfo> infos = new ArrayList<>();
    long offset = 0;
    for (NamedTensor tensor : layout) {
      infos.add(new TensorInfo(tensor.name(), tensor.dtype(), tensor.shape(), offset, tensor.byteLength()));
      offset += tensor.byteLength();
    }
    byte[] header = new Header(fullMetadata, infos).encode();
    writeAtomically(file, channel -> {
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buffer.putLong(header.length);
      drain(channel, buffer);
      writeFully(channel, ByteBuffer.wrap(header));
      for (NamedTensor tensor : layout) {
        int size = tensor.dtype().byteSize();
        for (float value : tensor.values()) {
          if (buffer.remaining() < size) {
            drain(channel, buffer);
          }
          switch (tensor.dtype()) {
            case F32 -> buffer.putFloat(value);
            case F16 -> buffer.putShort(HalfFloats.floatToF16(value));
            case BF16 -> buffer.putShort(HalfFloats.floatToBf16(value));
            case F64 -> buffer.putDouble(value);
            default -> throw new IllegalStateException("NamedTensor admits only floating dtypes");
          }
        }
      }
      drain(channel, buffer);
    });
  }

  /**
   * Data order: widest dtype first, then by name — as the safetensors library does — so that with the 8-byte
   * aligned data section every tensor is aligned to its element size, which zero-copy loaders rely on.
   */
  private static List<NamedTensor> dataLayout(List<NamedTensor> tensors) {
    Set<String> names = new HashSet<>();
    for (NamedTensor tensor : tensors) {
      if (!names.add(tensor.name())) {
        throw new IllegalArgumentException("tensor " + tensor.name() + " is given twice");
      }
    }
    List<NamedTensor> layout = new ArrayList<>(tensors);
    layout.sort(Comparator.comparingInt((NamedTensor t) -> -t.dtype().byteSize()).thenComparing(NamedTensor::name));
    return layout;
  }

  /**
   * Writes a Hugging Face checkpoint into {@code dir}: {@code <baseName>.safetensors} if all tensors fit in
   * {@code maxShardBytes} of tensor data, else shards {@code <baseName>-00001-of-0000N.safetensors} and
   * {@code <baseName>.safetensors.index.json}. Tensors fill shards in the given order, a new shard starting when
   * the next tensor would overflow the current one (a tensor larger than the limit gets a shard of its own), as
   * transformers does. Each shard carries {@code metadata}.
   */
  public static void writeSharded(
      Path dir, String baseName, long maxShardBytes, Map<String, String> metadata, List<NamedTensor> tensors)
      throws IOException {
    if (maxShardBytes <= 0) {
      throw new IllegalArgumentException("maxShardBytes must be positive, not " + maxShardBytes);
    }
    dataLayout(tensors); // reject duplicate names before writing anything
    Files.createDirectories(dir);
    List<List<NamedTensor>> shards = shard(tensors, maxShardBytes);
    if (shards.size() <= 1) {
      write(CheckpointFiles.single(dir, baseName), metadata, tensors);
      // Readers prefer the single file, but a stale index left beside it would describe other tensors.
      Files.deleteIfExists(CheckpointFiles.index(dir, baseName));
      return;
    }
    Map<String, String> weightMap = new TreeMap<>();
    long totalSize = 0;
    for (int i = 0; i < shards.size(); i++) {
      String shardName = CheckpointFiles.shardName(baseName, i + 1, shards.size());
      write(dir.resolve(shardName), metadata, shards.get(i));
      for (NamedTensor tensor : shards.get(i)) {
        weightMap.put(tensor.name(), shardName);
        totalSize += tensor.byteLength();
      }
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("metadata", Map.of("total_size", totalSize));
    index.put("weight_map", weightMap);
    byte[] indexJson = (Json.write(index) + "\n").getBytes(StandardCharsets.UTF_8);
    // The index goes last, so a reader that finds it finds every shard it names.
    writeAtomically(CheckpointFiles.index(dir, baseName), channel -> writeFully(channel, ByteBuffer.wrap(indexJson)));
    // A stale single file would shadow the new shards: readers, like transformers, look for it first.
    Files.deleteIfExists(CheckpointFiles.single(dir, baseName));
  }

  private static List<List<NamedTensor>> shard(List<NamedTensor> tensors, long maxShardBytes) {
    List<List<NamedTensor>> shards = new ArrayList<>();
    List<NamedTensor> current = new ArrayList<>();
    long currentBytes = 0;
    for (NamedTensor tensor : tensors) {
      if (!current.isEmpty() && currentBytes + tensor.byteLength() > maxShardBytes) {
        shards.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(tensor);
      currentBytes += tensor.byteLength();
    }
    if (!current.isEmpty()) {
      shards.add(current);
    }
    return shards;
  }

  private interface ChannelWriter {
    void writeTo(FileChannel channel) throws IOException;
  }

  /** Writes a temporary file beside {@code target}, syncs it, and moves it into place in one step. */
  private static void writeAtomically(Path target, ChannelWriter writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        writer.writeTo(channel);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void drain(FileChannel channel, ByteBuffer buffer) throws IOException {
    writeFully(channel, buffer.flip());
    buffer.clear();
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
