package dev.cptflow.workflows.api.stage;

import java.util.Locale;

/** A metric's score tables, one Parquet file per corpus shard ({@code id, source_id, tokens, <column>}), and their summary. */
public record ScoreOutput(String prefix, String metric, String column, int shards, long docs, long tokens)
    implements StageOutput {
  public static final String SUMMARY = "summary.json";
  /** What a corpus fit leaves for the shards, under the node's prefix. */
  public static final String FIT = "fit";

  public static String tableName(int shard) {
    return String.format(Locale.ROOT, "scores-%05d.parquet", shard);
  }

  /** The key of shard {@code shard}'s table under a score node's prefix (the shard activities write it). */
  public static String tableKey(String prefix, int shard) {
    return prefix + "/" + tableName(shard);
  }

  public String tableKey(int shard) {
    if (shard < 0 || shard >= shards) {
      throw new IllegalArgumentException("shard " + shard + " of " + shards);
    }
    return tableKey(prefix, shard);
  }

  public String summaryKey() {
    return prefix + "/" + SUMMARY;
  }
}
