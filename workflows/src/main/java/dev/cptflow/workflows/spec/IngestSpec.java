package dev.cptflow.workflows.spec;

/** How the corpus is cut into shards and cleaned. */
public record IngestSpec(int shardDocs, BadRecordPolicy onBadRecord, boolean dedup) {}
