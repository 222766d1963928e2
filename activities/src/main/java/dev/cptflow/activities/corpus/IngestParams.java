package dev.cptflow.activities.corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * What one ingest reads and how it splits and shards it.
 *
 * @param shardDocs training documents per shard (the last shard holds the rest)
 * @param dedup drop exact duplicates of the NFC-normalised text, keeping the first in source order
 * @param heldoutFraction expected share of documents drawn into the held-out domain split, in [0, 1)
 * @param seed seeds the held-out draw
 */
public record IngestParams(List<IngestSource> sources, int shardDocs, BadRecordPolicy onBadRecord, boolean dedup,
    double heldoutFraction, long seed, Path outputDir) {
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
  }
}
