package dev.cptflow.activities.lm.train;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Turns tokenized documents into training blocks: each document is followed by EOS, documents are
 * concatenated in the order given (callers shuffle with their seed), and the stream is cut every
 * {@code seqLen} tokens. The last partial block is dropped, as HF's {@code group_texts} does, and counted.
 * Streams: only one block is in memory at a time.
 */
public final class Packer {
  private Packer() {}

  public static BlockFile.Metadata pack(Iterator<int[]> documents, int seqLen, int eosId, String tokenizerSha256, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path tokensFile = dir.resolve(BlockFile.TOKENS);
    Path temporary = Files.createTempFile(dir, ".tmp-", ".int32");
    long blocks = 0;
    long documentCount = 0;
    int[] block = new int[seqLen];
    int filled = 0;
    try (OutputStream file = Files.newOutputStream(temporary);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 20))) {
      while (documents.hasNext()) {
        int[] document = documents.next();
        documentCount++;
        for (int position = 0; position <= document.length; position++) {
          block[filled++] = position < document.length ? document[position] : eosId;
          if (filled == seqLen) {
            for (int token : block) {
              out.writeInt(Integer.reverseBytes(token)); // little-endian on disk
            }
            blocks++;
            filled = 0;
          }
        }
      }
    }
    Files.move(temporary, tokensFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    BlockFile.Metadata metadata = new BlockFile.Metadata(seqLen, blocks, blocks * seqLen, documentCount, filled, eosId, tokenizerSha256);
    BlockFile.writeMetadata(dir, metadata);
    return metadata;
  }
}
