package dev.cptflow.workflows.api;

/** Shards {@code [fromShard, toShard)} of one score node. */
public record ScoreBatchRequest(
    NodeRequest node, String metric, int fromShard, int toShard, int shardCount, RunTuning tuning) {}
