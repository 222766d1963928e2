package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
  @TempDir static Path tokenizerDir;
  private static LmTokenizer tokenizer;

  @TempDir Path dir;

  @BeforeAll
  static void tokenizer() {
    tokenizer = LmTokenizer.load(BuiltinCorpus.writeDefaultTokenizer(tokenizerDir, 512));
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  private IngestSummary ingest(List<IngestSource> sources, int shardDocs, double heldout, long seed, boolean dedup, Path out) {
    return new Ingestor(new SourceResolver(bucket -> {
      throw new AssertionError("no store expected");
    }), tokenizer).ingest(params(sources, shardDocs, BadRecordPolicy.SKIP, dedup, heldout, seed), out);
  }

  private static IngestParams params(List<IngestSource> sources, int shardDocs, BadRecordPolicy policy, boolean dedup,
      double heldout, long seed) {
    return new IngestParams(IngestSet.CORPUS, sources, "unused", shardDocs, policy, dedup, heldout, seed, null);
  }

  private static IngestSource jsonl(String uri) {
    return new IngestSource(uri, "text", SourceFormat.AUTO, "id", null);
  }

  /** {@code count} distinct documents of a few words, one JSON line each. */
  private Path corpus(String name, int from, int count) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      lines.append("{\"text\": \"document number ").append(i).append(" about markets and bonds ").append(i * 7 % 13)
          .append("\"}\n");
    }
    return Files.writeString(dir.resolve(name), lines);
  }

  private static List<Document> read(Path file) {
    List<Document> documents = new ArrayList<>();
    try (ShardReader reader = ShardReader.open(file)) {
      reader.forEachRemaining(documents::add);
    }
    return documents;
  }

  private static List<Document> allDocuments(Path out, int shards) {
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      documents.addAll(read(out.resolve(IngestOutput.shardName(i))));
    }
    documents.addAll(read(out.resolve(IngestOutput.HELDOUT)));
    return documents;
  }

  @Test
  void twoThousandFiveHundredDocsMakeShardsOfAThousandWithTokenizerCounts() throws Exception {
    corpus("big.jsonl", 0, 2_500);
    Path out = dir.resolve("out");
    IngestSummary summary = ingest(List.of(jsonl(dir + "/big.jsonl")), 1_000, 0.02, 7, true, out);

    assertEquals(2_500, summary.docsRead());
    assertEquals(3, summary.shards());
    assertEquals(2_500, summary.docsWritten() + summary.heldoutDocs());
    List<Document> first = read(out.resolve(IngestOutput.shardName(0)));
    List<Document> second = read(out.resolve(IngestOutput.shardName(1)));
    List<Document> third = read(out.resolve(IngestOutput.shardName(2)));
    List<Document> heldout = read(out.resolve(IngestOutput.HELDOUT));
    assertEquals(List.of(1_000, 1_000, 500 - (int) summary.heldoutDocs()), List.of(first.size(), second.size(), third.size()));
    assertEquals(summary.heldoutDocs(), heldout.size());
    assertFalse(Files.exists(out.resolve(IngestOutput.shardName(3))));
    long tokens = 0;
    for (Document document : allDocuments(out, 3)) {
      assertEquals(tokenizer.encode(document.text()).length, document.tokens(), document.text());
      tokens += document.tokens();
    }
    assertEquals(tokens, summary.tokens() + summary.heldoutTokens());
    // Ids hash the file's URI, which holds the temp directory, so which documents are held out varies by run.
    java.util.Set<String> heldoutTexts = new java.util.HashSet<>();
    heldout.forEach(document -> heldoutTexts.add(document.text()));
    int firstKept = 0;
    while (heldoutTexts.contains("document number " + firstKept + " about markets and bonds " + firstKept * 7 % 13)) {
      firstKept++;
    }
    assertEquals("document number " + firstKept + " about markets and bonds " + firstKept * 7 % 13, first.get(0).text(),
        "source order is kept");
  }

  @Test
  void exactDuplicatesAfterNfcAreRemovedAndCountedKeepingTheFirst() throws Exception {
    Files.writeString(dir.resolve("dups.jsonl"), String.join("\n",
        "{\"text\": \"caf\u00e9 opens\", \"source\": \"composed\"}",
        "{\"text\": \"unique one\"}",
        "{\"text\": \"cafe\u0301 opens\", \"source\": \"decomposed\"}",
        "{\"text\": \"unique one\"}",
        "{\"text\": \"unique two\"}"));
    Path out = dir.resolve("out");
    IngestSummary summary = ingest(List.of(jsonl(dir + "/dups.jsonl")), 10, 0, 1, true, out);

    assertEquals(5, summary.docsRead());
    assertEquals(2, summary.duplicates());
    assertEquals(3, summary.docsWritten());
    List<Document> documents = read(out.resolve(IngestOutput.shardName(0)));
    assertEquals(List.of("caf\u00e9 opens", "unique one", "unique two"), documents.stream().map(Document::text).toList());
    assertEquals("composed", documents.get(0).source());
    assertEquals(1L, summary.docsBySource().get("composed"));
    assertFalse(summary.docsBySource().containsKey("decomposed"));

    IngestSummary kept = ingest(List.of(jsonl(dir + "/dups.jsonl")), 10, 0, 1, false, dir.resolve("kept"));
    assertEquals(0, kept.duplicates());
    assertEquals(5, kept.docsWritten());
    assertEquals("caf\u00e9 opens", read(dir.resolve("kept").resolve(IngestOutput.shardName(0))).get(2).text(), "text is NFC-normalised");
  }

  @Test
  void idsAreStableAcrossRunsAndBetweenAGlobAndExplicitPaths() throws Exception {
    corpus("part-1.jsonl", 0, 50);
    corpus("part-2.jsonl", 50, 50);
    IngestSummary globbed = ingest(List.of(jsonl(dir + "/part-*.jsonl")), 1_000, 0.1, 3, true, dir.resolve("a"));
    ingest(List.of(jsonl(dir + "/part-*.jsonl")), 1_000, 0.1, 3, true, dir.resolve("b"));
    ingest(List.of(jsonl("file:" + dir + "/part-1.jsonl"), jsonl(dir + "/part-2.jsonl")), 1_000, 0.1, 3, true, dir.resolve("c"));

    List<Document> a = allDocuments(dir.resolve("a"), globbed.shards());
    assertEquals(100, a.size());
    assertEquals(100, a.stream().map(Document::id).distinct().count());
    assertEquals(a, allDocuments(dir.resolve("b"), globbed.shards()));
    assertEquals(a, allDocuments(dir.resolve("c"), globbed.shards()));
    assertEquals(DocumentIds.id("file:" + dir.resolve("part-2.jsonl"), 1),
        read(dir.resolve("a").resolve(IngestOutput.shardName(0))).stream().filter(d -> d.text().startsWith("document number 50 "))
            .findFirst().orElseGet(() -> read(dir.resolve("a").resolve(IngestOutput.HELDOUT)).stream()
                .filter(d -> d.text().startsWith("document number 50 ")).findFirst().orElseThrow()).id());
  }

  @Test
  void theHeldOutSplitIsStableForASeedChangesWithTheSeedAndHasTheRightSize() throws Exception {
    corpus("two-thousand.jsonl", 0, 2_000);
    String uri = dir + "/two-thousand.jsonl";
    IngestSummary first = ingest(List.of(jsonl(uri)), 5_000, 0.05, 11, true, dir.resolve("s11"));
    ingest(List.of(jsonl(uri)), 5_000, 0.05, 11, true, dir.resolve("s11-again"));
    IngestSummary other = ingest(List.of(jsonl(uri)), 5_000, 0.05, 12, true, dir.resolve("s12"));

    Set<String> heldout = ids(dir.resolve("s11").resolve(IngestOutput.HELDOUT));
    assertEquals(heldout, ids(dir.resolve("s11-again").resolve(IngestOutput.HELDOUT)));
    assertNotEquals(heldout, ids(dir.resolve("s12").resolve(IngestOutput.HELDOUT)));
    for (IngestSummary summary : List.of(first, other)) {
      double fraction = summary.heldoutDocs() / 2_000.0;
      assertTrue(Math.abs(fraction - 0.05) <= 0.015, "held-out fraction " + fraction);
    }
  }

  private static Set<String> ids(Path file) {
    return read(file).stream().map(Document::id).collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void textLinesAndTextFilesGiveOneDocumentPerLineOrPerFile() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "line one\n\nline two\n");
    Files.createDirectories(dir.resolve("files"));
    Files.writeString(dir.resolve("files/a.md"), "whole file a\nsecond line of a\n");
    Files.writeString(dir.resolve("files/b.md"), "whole file b");
    IngestSummary lines = ingest(List.of(new IngestSource(dir + "/notes.txt", "unused", SourceFormat.AUTO, null, null)), 10, 0, 1, true,
        dir.resolve("lines"));
    IngestSummary files = ingest(List.of(new IngestSource(dir + "/files/*.md", "unused", SourceFormat.TEXT_FILES, null, null)), 10, 0, 1, true,
        dir.resolve("files-out"));

    assertEquals(2, lines.docsWritten());
    List<Document> lineDocs = read(dir.resolve("lines").resolve(IngestOutput.shardName(0)));
    assertEquals(List.of("line one", "line two"), lineDocs.stream().map(Document::text).toList());
    assertEquals(DocumentIds.id("file:" + dir.resolve("notes.txt"), 3), lineDocs.get(1).id());
    assertEquals(List.of("whole file a\nsecond line of a\n", "whole file b"),
        read(dir.resolve("files-out").resolve(IngestOutput.shardName(0))).stream().map(Document::text).toList());
    assertEquals(2, files.docsWritten());
  }

  @Test
  void parquetSourcesIngestWithRowIdsAndSkippedNulls() throws Exception {
    Path file = ParquetReaderTest.fixture(dir);
    IngestSummary summary = ingest(List.of(new IngestSource(dir + "/*.parquet", "meta.body", SourceFormat.AUTO, null, null)), 10, 0, 1,
        true, dir.resolve("out"));
    assertEquals(3, summary.docsWritten());
    assertEquals(Map.of("missing field 'meta.body'", 1L), summary.skipped().counts());
    assertEquals(DocumentIds.id("file:" + file, 4), read(dir.resolve("out").resolve(IngestOutput.shardName(0))).get(2).id());
  }

  @Test
  void theSummaryFileRecordsSourcesCountsAndSkips() throws Exception {
    Files.writeString(dir.resolve("mixed.jsonl"), "{\"text\": \"good\", \"source\": \"sec\"}\n{oops\n{\"text\": \"\"}\n");
    Path out = dir.resolve("out");
    ingest(List.of(jsonl(dir + "/mixed.jsonl")), 10, 0, 1, true, out);

    JsonNode summary = new ObjectMapper().readTree(out.resolve(IngestOutput.SUMMARY).toFile());
    assertEquals("file:" + dir.resolve("mixed.jsonl"), summary.at("/sources/0/files/0").asText());
    assertEquals(1, summary.get("docsWritten").asLong());
    assertEquals(1, summary.at("/skipped/counts/invalid JSON").asLong());
    assertEquals("file:" + dir.resolve("mixed.jsonl") + ":3", summary.at("/skipped/firstLocations/empty text/0").asText());
    assertEquals(1, summary.at("/docsBySource/sec").asLong());
    assertTrue(Files.readString(out.resolve(IngestOutput.SUMMARY)).contains("\n  \""), "pretty-printed");
  }

  @Test
  void failOnBadRecordStopsWithOneLineAndPublishesNoShards() throws Exception {
    Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"good\"}\n{\"title\": \"no text\"}\n");
    Path out = dir.resolve("out");
    BadRecordException failure = assertThrows(BadRecordException.class, () -> new Ingestor(new SourceResolver(b -> null), tokenizer)
        .ingest(params(List.of(jsonl(dir + "/bad.jsonl")), 10, BadRecordPolicy.FAIL, true, 0, 1), out));
    assertEquals("bad record at file:" + dir.resolve("bad.jsonl") + ":2: missing field 'text' (on_bad_record=fail)",
        failure.getMessage());
    assertFalse(Files.exists(out.resolve(IngestOutput.shardName(0))));
    assertFalse(Files.exists(out.resolve(IngestOutput.SUMMARY)));
  }

  @Test
  void aCorpusWithNoGoodDocumentsIsAClearError() throws Exception {
    Files.writeString(dir.resolve("empty.jsonl"), "{\"text\": \" \"}\n{broken\n");
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> ingest(List.of(jsonl(dir + "/empty.jsonl")), 10, 0, 1, true, dir.resolve("out")));
    assertTrue(failure.getMessage().startsWith("no training documents from [" + dir + "/empty.jsonl] (1 file): 0 good records read"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("1 empty text"), failure.getMessage());
  }

  @Test
  void emptyFilesAddNothingAndACorpusOfOnlyEmptyFilesIsOneLine() throws Exception {
    corpus("good.jsonl", 0, 20);
    for (String name : List.of("empty.jsonl", "empty.jsonl.gz", "empty.jsonl.zst")) {
      Files.write(dir.resolve(name), new byte[0]);
    }
    IngestSummary summary = ingest(List.of(jsonl(dir + "/*.jsonl*")), 100, 0, 1, true, dir.resolve("out"));
    assertEquals(4, summary.sources().get(0).files().size());
    assertEquals(20, summary.docsRead());
    assertEquals(0, summary.skipped().total());

    Files.delete(dir.resolve("good.jsonl"));
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> ingest(List.of(jsonl(dir + "/*.jsonl*")), 100, 0, 1, true, dir.resolve("none")));
    assertEquals("no training documents from [" + dir + "/*.jsonl*] (3 files): 0 good records read, 0 duplicates, 0 held out",
        failure.getMessage());
  }

  @Test
  void aTruncatedGzipSourceKeepsItsDocumentsBeforeTheCutAndTheSummarySaysWhere() throws Exception {
    Path plain = corpus("whole.jsonl", 0, 5_000);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(Files.readAllBytes(plain));
    }
    Files.delete(plain);
    byte[] whole = bytes.toByteArray();
    Path cut = Files.write(dir.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    IngestSummary summary = ingest(List.of(jsonl(cut.toString())), 1_000, 0, 1, true, dir.resolve("out"));

    assertTrue(summary.docsRead() > 100 && summary.docsRead() < 5_000, "read " + summary.docsRead());
    assertEquals(summary.docsRead(), summary.docsWritten());
    assertEquals(1, summary.skipped().total());
    String reason = summary.skipped().counts().keySet().iterator().next();
    assertTrue(reason.startsWith(".gz data cut short or corrupt: decompression stopped at byte " + whole.length / 2), reason);
    assertEquals(List.of("file:" + cut + ":" + (summary.docsRead() + 1)), summary.skipped().firstLocations().get(reason));
  }
}
