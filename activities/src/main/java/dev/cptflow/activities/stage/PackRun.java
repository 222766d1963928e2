package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Packer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One packing, as the pack stage and {@code cpt train} run it: the selected documents of the shards, in shard order
 * then file order, tokenized and cut into blocks by the LM core's {@link Packer}. The trainer shuffles the blocks
 * with its seed, so the document order here only has to be stable. At most one shard's documents are in memory.
 */
public final class PackRun {
  private static final int TOKENIZE_BATCH = 256;

  private PackRun() {}

  /** @param ids the selected documents, or null for every document */
  public static BlockFile.Metadata pack(List<Path> shards, Set<String> ids, LmTokenizer tokenizer, int seqLen, Path dir)
      throws IOException {
    return Packer.pack(new SelectedDocuments(shards, ids, tokenizer), seqLen, tokenizer.eosId(), tokenizer.sha256(), dir);
  }

  /** Token ids of the selected documents, one shard read and tokenized at a time. */
  private static final class SelectedDocuments implements Iterator<int[]> {
    private final List<Path> shards;
    private final Set<String> ids;
    private final LmTokenizer tokenizer;
    private final Deque<int[]> ready = new ArrayDeque<>();
    private int nextShard;

    SelectedDocuments(List<Path> shards, Set<String> ids, LmTokenizer tokenizer) {
      this.shards = shards;
      this.ids = ids;
      this.tokenizer = tokenizer;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && nextShard < shards.size()) {
        List<String> texts = new ArrayList<>();
        try (ShardReader reader = ShardReader.open(shards.get(nextShard++))) {
          while (reader.hasNext()) {
            Document document = reader.next();
            if (ids == null || ids.contains(document.id())) {
              texts.add(document.text());
            }
          }
        }
        for (int start = 0; start < texts.size(); start += TOKENIZE_BATCH) {
          ready.addAll(tokenizer.encodeBatch(texts.subList(start, Math.min(texts.size(), start + TOKENIZE_BATCH))));
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public int[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }
}
