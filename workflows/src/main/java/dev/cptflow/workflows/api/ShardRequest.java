package dev.cptflow.workflows.api;

/**
 * One shard of one scoring node. The shard's documents are found through the ingest result in
 * {@code node.upstream()}; the activity writes {@code <node prefix>/shard-%05d.parquet}.
 */
public record ShardRequest(NodeRequest node, String metric, int shardIndex, int shardCount) {
  public String summary() {
    return "score " + metric + " shard " + (shardIndex + 1) + "/" + shardCount;
  }
}
