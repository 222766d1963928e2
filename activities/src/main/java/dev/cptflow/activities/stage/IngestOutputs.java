package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardFiles;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.StageResult;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Local copies of what an ingest node left in the store: its document shards, in index order, and its held-out split. */
final class IngestOutputs {
  private final ArtifactStore store;
  private final LocalArtifacts artifacts;
  private final StageResult ingest;

  IngestOutputs(ArtifactStore store, LocalArtifacts artifacts, StageResult ingest) {
    this.store = store;
    this.artifacts = artifacts;
    this.ingest = ingest;
  }

  int shardCount() {
    return (int) ingest.counter("shards", 0);
  }

  Path shard(int index) {
    return artifacts.file(store, ingest.outputPrefix() + "/" + ShardFiles.shard(index));
  }


  /** The held-out domain split, or null when the ingest node held nothing out. */
  Path heldout() {
    String key = ingest.outputPrefix() + "/" + ShardFiles.HELDOUT;
    return store.exists(key) ? artifacts.file(store, key) : null;
  }

  /** Streams every document of every shard, in shard order then file order. */
  void forEachDocument(Consumer<Document> action) {
    for (int i = 0; i < shardCount(); i++) {
      try (ShardReader reader = ShardReader.open(shard(i))) {
        reader.forEachRemaining(action);
      }
    }
  }
}
