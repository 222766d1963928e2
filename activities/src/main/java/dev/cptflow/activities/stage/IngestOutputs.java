package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.metric.CorpusDocuments;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.stage.IngestOutput;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Local copies of what an ingest node left in the store: its document shards, in index order, and its held-out split. */
final class IngestOutputs implements CorpusDocuments {
  private final ArtifactStore store;
  private final LocalArtifacts artifacts;
  private final IngestOutput ingest;

  IngestOutputs(ArtifactStore store, LocalArtifacts artifacts, IngestOutput ingest) {
    this.store = store;
    this.artifacts = artifacts;
    this.ingest = ingest;
  }

  int shardCount() {
    return ingest.shards();
  }

  Path shard(int index) {
    return artifacts.file(store, ingest.shardKey(index));
  }

  /** The held-out domain split, or null when the ingest node held nothing out. */
  Path heldout() {
    return ingest.heldoutKey() == null ? null : artifacts.file(store, ingest.heldoutKey());
  }

  /** Streams every document of every shard, in shard order then file order. */
  @Override
  public void forEach(Consumer<Document> action) {
    for (int i = 0; i < shardCount(); i++) {
      try (ShardReader reader = ShardReader.open(shard(i))) {
        reader.forEachRemaining(action);
      }
    }
  }
}
