package dev.cptflow.workflows.api;

/**
 * @param docs documents scored in the shard
 * @param tokens tokens in those documents
 * @param outputKey the store key of the shard's score table
 * @param resumedFromOffset the document offset this attempt started at (non-zero after a resumed retry)
 * @param reused the table was already stored (by another run sharing the store, or an attempt that stored it and died
 *     before saying so), so nothing was scored
 */
public record ShardResult(int shardIndex, long docs, long tokens, String outputKey, long resumedFromOffset, boolean reused) {
  public ShardResult(int shardIndex, long docs, long tokens, String outputKey, long resumedFromOffset) {
    this(shardIndex, docs, tokens, outputKey, resumedFromOffset, false);
  }

  public ShardResult asReused() {
    return new ShardResult(shardIndex, docs, tokens, outputKey, 0, true);
  }
}
