package dev.cptflow.workflows.api;

/**
 * @param docs documents scored in the shard
 * @param tokens tokens in those documents
 * @param outputKey the store key of the shard's score table
 * @param resumedFromOffset the document offset this attempt started at (non-zero after a resumed retry)
 */
public record ShardResult(int shardIndex, long docs, long tokens, String outputKey, long resumedFromOffset) {}
