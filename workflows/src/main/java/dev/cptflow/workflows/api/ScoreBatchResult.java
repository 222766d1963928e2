package dev.cptflow.workflows.api;

/**
 * @param resumedShards shards whose final attempt resumed from a heartbeat instead of starting over
 */
public record ScoreBatchResult(int shards, long docs, long tokens, int resumedShards) {}
