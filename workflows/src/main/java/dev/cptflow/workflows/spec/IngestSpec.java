package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.BadRecordPolicy;

/** How the corpus is cut into shards and cleaned. */
public record IngestSpec(int shardDocs, BadRecordPolicy onBadRecord, boolean dedup) {}
