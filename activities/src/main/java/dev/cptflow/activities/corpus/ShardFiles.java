package dev.cptflow.activities.corpus;

/**
 * Names inside an ingest node's output prefix (see docs/architecture.md, 'Corpus and metrics'): shards
 * {@code docs-00017.jsonl.zst} of {@link Document} JSON lines, the held-out domain split, and the ingest summary.
 */
public final class ShardFiles {
  public static final String HELDOUT = "heldout-domain.jsonl.zst";
  public static final String SUMMARY = "summary.json";

  private ShardFiles() {}

  public static String shard(int index) {
    return String.format("docs-%05d.jsonl.zst", index);
  }

  /** Score table of one shard, under a score node's prefix. */
  public static String scoreTable(int index) {
    return String.format("scores-%05d.parquet", index);
  }
}
