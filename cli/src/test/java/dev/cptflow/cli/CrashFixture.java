package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A sweep whose one variant trains long enough (hundreds of tiny steps, a checkpoint every 10) to be killed midway. */
final class CrashFixture {
  private CrashFixture() {}

  static Path write(Path dir) throws Exception {
    Path model = dir.resolve("tiny");
    CliRunner init = CliRunner.run("model", "init", "--preset", "tiny", "--seed", "3", "--out", model.toString());
    assertEquals(0, init.exitCode(), init.err());
    String[] words = {"rates", "rose", "the", "bank", "said", "profit", "quarter", "shares", "fell", "bond", "river", "cake"};
    SplittableRandom random = new SplittableRandom(11);
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder("item " + i);
      for (int w = 0; w < 12 + random.nextInt(12); w++) {
        text.append(' ').append(words[random.nextInt(words.length)]);
      }
      corpus.add("{\"text\": \"" + text + "\"}");
    }
    Files.write(dir.resolve("corpus.jsonl"), corpus);
    Files.write(dir.resolve("tasks.jsonl"), List.of("{\"text\": \"the bank said profit rose\"}"));
    Files.write(dir.resolve("general.jsonl"), List.of("{\"text\": \"the river runs past the old mill\"}",
        "{\"text\": \"children played in the park until dark\"}"));
    Files.write(dir.resolve("fpb.txt"), List.of("the bank raised its dividend@positive", "profit fell sharply@negative",
        "the board met on tuesday@neutral"));
    return Files.writeString(dir.resolve("crash.yaml"), """
        name: crash
        seed: 5
        model: {base: %s, embedder: "builtin:hashed-ngrams"}
        corpus: [{uri: "%s"}]
        task_data: [{name: fpb, uri: "%s"}]
        heldout: {domain_fraction: 0.01, general: {uri: "%s"}}
        ingest: {shard_docs: 1000}
        training: {seq_len: 16, micro_batch: 4, grad_accum: 1, lr: 1.0e-3, warmup: 0, schedule: cosine,
                   epochs: 1, checkpoint_every: 10, eval_every: 50, clip_norm: 1.0}
        evaluation: {suites: [finance], shots: 1, data: {fpb: "%s"}}
        variants: [{name: dacp}]
        """.formatted(model, dir.resolve("corpus.jsonl"), dir.resolve("tasks.jsonl"), dir.resolve("general.jsonl"),
        dir.resolve("fpb.txt")));
  }
}
