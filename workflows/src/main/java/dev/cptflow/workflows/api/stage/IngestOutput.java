package dev.cptflow.workflows.api.stage;

import java.util.Locale;

/**
 * An ingested text set: {@code shards} zstd JSONL shards of documents, the held-out split when one was drawn, and the
 * summary. These names are the ingest stage's contract with its readers.
 */
public record IngestOutput(String prefix, int shards, long docs, long tokens, long heldoutDocs, long heldoutTokens,
    long duplicates, long skipped) implements StageOutput {
  public static final String SUMMARY = "summary.json";
  public static final String HELDOUT = "heldout-domain.jsonl.zst";

  /** The file name of shard {@code index}: {@code docs-00017.jsonl.zst}. */
  public static String shardName(int index) {
    return String.format(Locale.ROOT, "docs-%05d.jsonl.zst", index);
  }

  public String shardKey(int index) {
    if (index < 0 || index >= shards) {
      throw new IllegalArgumentException("shard " + index + " of " + shards);
    }
    return prefix + "/" + shardName(index);
  }

  /** The held-out split's key, or null when nothing was held out. */
  public String heldoutKey() {
    return heldoutDocs > 0 ? prefix + "/" + HELDOUT : null;
  }

  public String summaryKey() {
    return prefix + "/" + SUMMARY;
  }
}
