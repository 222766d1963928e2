package dev.cptflow.activities.metric;

import dev.cptflow.activities.corpus.Document;
import java.util.function.Consumer;

/** Every document of an ingested corpus, shard by shard, for a metric's fit. */
public interface CorpusDocuments {
  void forEach(Consumer<Document> action);
}
