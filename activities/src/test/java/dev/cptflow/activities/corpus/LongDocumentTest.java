package dev.cptflow.activities.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.stage.IngestOutput;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB document on one JSONL line is ingested by a JVM whose heap is a small multiple of the line: reading holds
 * the line once as bytes and once as text, tokens are counted piece by piece, and nothing else grows with it.
 */
class LongDocumentTest {
  private static final int WORDS = 5_000;
  private static final int WORD_CHARS = 10_000;
  /**
   * About 7× the line. Parsing the line peaks near 5× (its bytes, the JSON parser's text buffer, the copy it makes and
   * the string), which 256 MB does not hold; encoding all 50 MB at once took 9 GB of native memory before pieces.
   */
  private static final String HEAP = "-Xmx384m";

  @TempDir Path dir;

  /**
   * A word-level tokenizer: one token per space-separated word, so counting 50 MB of text is quick and the test measures
   * what reading and ingest hold, not the speed of BPE.
   */
  private Path wordTokenizer() throws Exception {
    return Files.writeString(dir.resolve("tokenizer.json"), """
        {"version": "1.0", "truncation": null, "padding": null,
         "added_tokens": [{"id": 0, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                           "normalized": false, "special": true}],
         "normalizer": null, "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": null, "decoder": null,
         "model": {"type": "WordLevel", "vocab": {"<|endoftext|>": 0, "[UNK]": 1, "short": 2}, "unk_token": "[UNK]"}}
        """);
  }

  @Test
  void aFiftyMegabyteSingleLineDocumentIsIngestedInASmallHeap() throws Exception {
    Path corpus = dir.resolve("long.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
      out.write("{\"text\": \"short one\"}\n{\"id\": \"long\", \"text\": \"");
      String word = "w".repeat(WORD_CHARS - 1);
      for (int i = 0; i < WORDS; i++) {
        out.write(word);
        out.write(' ');
      }
      out.write("\"}\n{\"text\": \"short two\"}\n");
    }
    assertTrue(Files.size(corpus) > 50_000_000, "the line is over 50 MB");
    Path out = dir.resolve("out");
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), HEAP,
        "-cp", System.getProperty("java.class.path"), LongDocumentIngest.class.getName(), corpus.toString(),
        wordTokenizer().toString(), out.toString()));
    Path log = dir.resolve("ingest.log");
    Process ingest = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(ingest.waitFor(5, TimeUnit.MINUTES), "ingest finished");
    String output = Files.readString(log);
    assertEquals(0, ingest.exitValue(), output);
    assertTrue(output.contains("docs 3 tokens " + (2 * 2 + WORDS)), output);

    List<Document> documents = new ArrayList<>();
    try (ShardReader shard = ShardReader.open(out.resolve(IngestOutput.shardName(0)))) {
      shard.forEachRemaining(documents::add);
    }
    assertEquals(List.of(9, WORDS * WORD_CHARS, 9), documents.stream().map(d -> d.text().length()).toList());
    assertEquals("long", documents.get(1).sourceId());
    assertEquals(WORDS, documents.get(1).tokens());
  }
}
