package dev.cptflow.activities.corpus;

import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.workflows.api.stage.IngestOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tokenizes kept documents in batches (one native call per batch is several times faster than one per
 * document) and writes them: training documents into shards of {@code shardDocs}, held-out ones into
 * the held-out file. Holds at most one batch of documents in memory: {@value #BATCH} documents, or fewer once they
 * hold {@value #BATCH_CHARS} characters, so a run of long documents does not pile up.
 */
final class ShardedOutput {
  static final int BATCH = 256;
  static final int BATCH_CHARS = 1 << 20;

  private record Pending(String id, String sourceId, String text, String source, boolean heldout) {}

  private final LmTokenizer tokenizer;
  private final Path dir;
  private final int shardDocs;
  private final List<Pending> batch = new ArrayList<>(BATCH);
  private final ShardWriter heldout;
  private final Map<String, Long> docsBySource = new TreeMap<>();
  private ShardWriter shard;
  private long batchChars;
  private int shards;
  private long docsWritten;
  private long tokens;
  private long heldoutDocs;
  private long heldoutTokens;

  ShardedOutput(LmTokenizer tokenizer, Path dir, int shardDocs) {
    this.tokenizer = tokenizer;
    this.dir = dir;
    this.shardDocs = shardDocs;
    this.heldout = new ShardWriter(dir.resolve(IngestOutput.HELDOUT));
  }

  void add(String id, String sourceId, String text, String source, boolean isHeldout) {
    batch.add(new Pending(id, sourceId, text, source, isHeldout));
    batchChars += text.length();
    if (batch.size() == BATCH || batchChars >= BATCH_CHARS) {
      flush();
    }
  }

  private void flush() {
    List<int[]> encoded = tokenizer.encodeBatch(batch.stream().map(Pending::text).toList());
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      Document document = new Document(pending.id(), pending.text(), encoded.get(i).length, pending.source(), pending.sourceId());
      docsBySource.merge(pending.source(), 1L, Long::sum);
      if (pending.heldout()) {
        heldout.write(document);
        heldoutDocs++;
        heldoutTokens += document.tokens();
      } else {
        writeTraining(document);
      }
    }
    batch.clear();
    batchChars = 0;
  }

  private void writeTraining(Document document) {
    if (shard == null) {
      shard = new ShardWriter(dir.resolve(IngestOutput.shardName(shards++)));
    }
    shard.write(document);
    docsWritten++;
    tokens += document.tokens();
    if (shard.documents() == shardDocs) {
      shard.close();
      shard = null;
    }
  }

  /** Tokenizes and writes the documents still pending, so the counts are final. */
  void drain() {
    if (!batch.isEmpty()) {
      flush();
    }
  }

  /**
   * Publishes the last shard and the held-out file, and deletes shards beyond the last one that an earlier,
   * larger ingest into the same directory left, so the directory holds exactly this ingest's shards.
   */
  void finish() {
    drain();
    if (shard != null) {
      shard.close();
      shard = null;
    }
    heldout.close();
    try {
      for (int i = shards; Files.deleteIfExists(dir.resolve(IngestOutput.shardName(i))); i++) {
        // Each iteration deletes one stale shard.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete stale shards in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes everything written, so a failed ingest leaves no shards that look complete. */
  void abort() {
    if (shard != null) {
      shard.abort();
    }
    heldout.abort();
    try {
      for (int i = 0; i < shards; i++) {
        Files.deleteIfExists(dir.resolve(IngestOutput.shardName(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + dir + ": " + e.getMessage(), e);
    }
  }

  int shards() {
    return shards;
  }

  long docsWritten() {
    return docsWritten;
  }

  long tokens() {
    return tokens;
  }

  long heldoutDocs() {
    return heldoutDocs;
  }

  long heldoutTokens() {
    return heldoutTokens;
  }

  Map<String, Long> docsBySource() {
    return docsBySource;
  }
}
