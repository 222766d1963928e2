package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cptflow.workflows.api.stage.TrainEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The smallest whole sweep (ingest to report, one ets-dacp variant, a tiny model, 200 documents): seconds on a CPU. */
final class SmallSweepFixture {
  private SmallSweepFixture() {}

  /** Writes the inputs and the spec {@code NAME.yaml} into {@code dir}; returns the spec. */
  static Path write(Path dir, String name) throws Exception {
    return write(dir, name, TrainEngine.DJL);
  }

  /** As {@link #write(Path, String)}, training with {@code engine}. */
  static Path write(Path dir, String name, TrainEngine engine) throws Exception {
    Path model = dir.resolve("tiny");
    CliRunner init = CliRunner.run("model", "init", "--preset", "tiny", "--seed", "3", "--out", model.toString());
    assertEquals(0, init.exitCode(), init.err());
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      corpus.add("{\"text\": \"item " + i + (i % 2 == 0 ? " the bank said quarterly profit rose\"}" : " the river runs past the mill\"}"));
    }
    Files.write(dir.resolve("corpus.jsonl"), corpus);
    Files.write(dir.resolve("tasks.jsonl"), List.of("{\"text\": \"the bank said profit rose\"}"));
    Files.write(dir.resolve("general.jsonl"), List.of("{\"text\": \"children played in the park until dark\"}"));
    Files.write(dir.resolve("fpb.txt"), List.of("the bank raised its dividend@positive", "profit fell sharply@negative",
        "the board met on tuesday@neutral"));
    return Files.writeString(dir.resolve(name + ".yaml"), """
        name: %s
        seed: 5
        model: {base: %s, embedder: "builtin:hashed-ngrams"}
        corpus: [{uri: "%s"}]
        task_data: [{name: fpb, uri: "%s"}]
        heldout: {domain_fraction: 0.05, general: {uri: "%s"}}
        ingest: {shard_docs: 100}
        selection: {budget: 0.5, min_tokens: 1}
        training: {seq_len: 16, micro_batch: 4, grad_accum: 1, lr: 1.0e-3, warmup: 0, schedule: cosine,
                   epochs: 1, checkpoint_every: 10, eval_every: 10, clip_norm: 1.0, engine: %s}
        evaluation: {suites: [finance], shots: 1, data: {fpb: "%s"}}
        variants: [{name: ets-dacp, sampling: hard}]
        """.formatted(name, model, dir.resolve("corpus.jsonl"), dir.resolve("tasks.jsonl"), dir.resolve("general.jsonl"),
        engine.key(), dir.resolve("fpb.txt")));
  }
}
