package dev.cptflow.workflows.api.stage;

import java.util.List;

/**
 * One ingest: which set, its sources, the tokenizer that counts tokens, and how it is split and sharded.
 *
 * @param shardDocs training documents per shard (the last shard holds the rest)
 * @param dedup drop exact duplicates of the NFC-normalised text, keeping the first in source order
 * @param heldoutFraction expected share of documents drawn into the held-out domain split, in [0, 1)
 * @param seed seeds the held-out draw
 * @param maxDocs keep at most this many documents (the general set), or null for all
 */
public record IngestParams(IngestSet set, List<IngestSource> sources, String tokenizer, int shardDocs,
    BadRecordPolicy onBadRecord, boolean dedup, double heldoutFraction, long seed, Integer maxDocs)
    implements StageParams {
  public IngestParams {
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources: at least one is needed");
    }
    if (shardDocs < 1) {
      throw new IllegalArgumentException("shard_docs: must be at least 1, got " + shardDocs);
    }
    if (!(heldoutFraction >= 0 && heldoutFraction < 1)) {
      throw new IllegalArgumentException("heldout_fraction: must be in [0, 1), got " + heldoutFraction);
    }
    if (maxDocs != null && maxDocs < 1) {
      throw new IllegalArgumentException("max_docs: must be at least 1, got " + maxDocs);
    }
  }
}
