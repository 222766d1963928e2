package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.ScoreParams;

/**
 * One shard of one scoring node. The shard's documents are found through the corpus ingest among the node's inputs;
 * the activity writes the shard's score table under the node's prefix.
 */
public record ShardRequest(NodeRequest node, int shardIndex, int shardCount) {
  public String summary() {
    return "score " + node.params(ScoreParams.class).metric() + " shard " + (shardIndex + 1) + "/" + shardCount;
  }
}
