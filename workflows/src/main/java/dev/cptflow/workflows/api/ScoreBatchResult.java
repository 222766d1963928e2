package dev.cptflow.workflows.api;

/**
 * @param resumedShards shards whose final attempt resumed from a heartbeat instead of starting over
 * @param reusedShards shards whose table was already stored, so they were not scored (see {@link ShardResult#reused})
 */
public record ScoreBatchResult(int shards, long docs, long tokens, int resumedShards, int reusedShards) {}
