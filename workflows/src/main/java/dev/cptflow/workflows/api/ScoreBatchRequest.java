package dev.cptflow.workflows.api;

/** Shards {@code [fromShard, toShard)} of one score node. */
public record ScoreBatchRequest(NodeRequest node, int fromShard, int toShard, int shardCount, RunTuning tuning) {}
