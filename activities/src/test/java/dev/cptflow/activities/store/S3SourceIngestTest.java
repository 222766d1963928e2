package dev.cptflow.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.DocumentIds;
import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.corpus.Ingestor;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.IngestSource;
import dev.cptflow.workflows.api.stage.SourceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus sources on S3 (S3Proxy on loopback), lives here to reach the package-private test server. */
class S3SourceIngestTest {
  @TempDir Path tmp;

  @Test
  void anS3GlobIsListedFetchedAndIngestedInKeyOrder() throws Exception {
    try (S3ProxyServer server = new S3ProxyServer();
        StoreRegistry stores = new StoreRegistry(server.config());
        LmTokenizer tokenizer = LmTokenizer.load(BuiltinCorpus.writeDefaultTokenizer(tmp.resolve("tok"), 512))) {
      server.createBucket("fin-corpus");
      ArtifactStore bucket = stores.open("s3://fin-corpus");
      bucket.putString("news/b.jsonl", "{\"text\": \"second file\"}\n");
      bucket.putString("news/a.jsonl", "{\"text\": \"first file\"}\n{\"text\": \"first file, line two\"}\n");
      bucket.putString("news/skip.txt", "not matched");
      bucket.putString("other/c.jsonl", "{\"text\": \"not matched\"}\n");

      Path out = tmp.resolve("out");
      IngestSummary summary = new Ingestor(new SourceResolver(stores::open), tokenizer).ingest(new IngestParams(IngestSet.CORPUS,
          List.of(new IngestSource("s3://fin-corpus/news/*.jsonl", "text", SourceFormat.AUTO, "id", null)), "unused", 10,
          BadRecordPolicy.SKIP, true, 0, 1, null), out);

      assertEquals(List.of("s3://fin-corpus/news/a.jsonl", "s3://fin-corpus/news/b.jsonl"), summary.sources().get(0).files());
      List<Document> documents = new ArrayList<>();
      try (ShardReader reader = ShardReader.open(out.resolve(IngestOutput.shardName(0)))) {
        reader.forEachRemaining(documents::add);
      }
      assertEquals(List.of("first file", "first file, line two", "second file"), documents.stream().map(Document::text).toList());
      assertEquals(DocumentIds.id("s3://fin-corpus/news/b.jsonl", 1), documents.get(2).id());
      assertEquals("s3://fin-corpus/news/a.jsonl", documents.get(0).source());
      try (var temporaries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        assertFalse(temporaries.anyMatch(file -> file.getFileName().toString().startsWith("cpt-ingest-")),
            "downloaded copies are deleted");
      }
    }
  }
}
