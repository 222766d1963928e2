package dev.cptflow.activities.lm.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.workflows.api.stage.PackOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Training blocks (see docs/architecture.md, 'The language model'): a little-endian int32 token file of
 * {@code blocks x seqLen} tokens and a JSON sidecar with the metadata. Blocks are read through a memory map, so a
 * corpus larger than the heap trains fine.
 */
public final class BlockFile implements AutoCloseable {
  public static final String TOKENS = PackOutput.TOKENS;
  public static final String METADATA = PackOutput.METADATA;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param tokenizerSha256 of the tokenizer.json the blocks were made with: training with another
   *     tokenizer would silently learn garbage, so it is checked
   * @param droppedTokens tokens of the last, partial block, which is not trained on
   */
  public record Metadata(int seqLen, long blocks, long tokens, long documents, long droppedTokens, int eosId, String tokenizerSha256) {}

  private final Metadata metadata;
  private final FileChannel channel;
  private final IntBuffer tokens;

  private BlockFile(Metadata metadata, FileChannel channel, IntBuffer tokens) {
    this.metadata = metadata;
    this.channel = channel;
    this.tokens = tokens;
  }

  public static BlockFile open(Path dir) {
    try {
      Metadata metadata = JSON.readValue(dir.resolve(METADATA).toFile(), Metadata.class);
      FileChannel channel = FileChannel.open(dir.resolve(TOKENS), StandardOpenOption.READ);
      long expectedBytes = metadata.blocks() * metadata.seqLen() * 4L;
      if (channel.size() != expectedBytes) {
        channel.close();
        throw new IllegalArgumentException(dir.resolve(TOKENS) + ": " + channel.size() + " bytes, metadata says "
            + metadata.blocks() + " blocks x " + metadata.seqLen() + " tokens = " + expectedBytes);
      }
      if (expectedBytes > Integer.MAX_VALUE * 4L) {
        channel.close();
        throw new IllegalArgumentException(dir + ": more than 2^31 tokens in one block file; split the corpus");
      }
      IntBuffer tokens = channel.map(FileChannel.MapMode.READ_ONLY, 0, expectedBytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      return new BlockFile(metadata, channel, tokens);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open training blocks in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Metadata metadata() {
    return metadata;
  }

  public int blocks() {
    return (int) metadata.blocks();
  }

  public int seqLen() {
    return metadata.seqLen();
  }

  public int[] block(int index) {
    int[] block = new int[metadata.seqLen()];
    tokens.get(index * metadata.seqLen(), block);
    return block;
  }

  static void writeMetadata(Path dir, Metadata metadata) throws IOException {
    Files.writeString(dir.resolve(METADATA), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metadata) + "\n");
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
