package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.lm.train.RunComparison;
import dev.cptflow.activities.torch.TorchEngineForTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAndTrainCliTest {
  @TempDir static Path dir;
  static Path model;
  static Path data;

  @BeforeAll
  static void tinyModelAndData() throws Exception {
    model = dir.resolve("tiny");
    CliRunner init = CliRunner.run("model", "init", "--preset", "tiny", "--seed", "3", "--out", model.toString());
    assertEquals(0, init.exitCode(), init.err());
    Random random = new Random(5);
    String[] words = {"rates", "rose", "the", "bank", "said", "profit", "quarter", "shares", "fell", "bond"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 5 + random.nextInt(40); w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      lines.add("{\"meta\": {\"body\": \"" + text.toString().strip() + "\"}}");
    }
    lines.add("not json");
    data = Files.write(dir.resolve("data.jsonl"), lines);
  }

  @Test
  void modelInitWritesTheHfLayoutAndInfoDescribesIt() {
    for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
      assertTrue(Files.exists(model.resolve(file)), file);
    }
    CliRunner info = CliRunner.run("model", "info", model.toString());
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("parameters  "), info.out());
    assertTrue(info.out().contains("F32="), info.out());
    CliRunner again = CliRunner.run("model", "init", "--preset", "tiny", "--out", model.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("already holds a model"), again.err());
  }

  @Test
  void trainingResumedFromAcheckpointEndsWhereAStraightRunEnds() throws Exception {
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    CliRunner full = train(straight, 12, false);
    assertEquals(0, full.exitCode(), full.err());
    assertTrue(full.out().contains("skipped 1 records"), "the bad line is counted: " + full.out());
    assertEquals(0, train(resumed, 6, false).exitCode());
    CliRunner rest = train(resumed, 12, true);
    assertEquals(0, rest.exitCode(), rest.err());
    assertTrue(rest.out().contains("checkpoints/step-6"), rest.out());

    RunComparison.assertSameLosses(straight.resolve("losses.jsonl"), resumed.resolve("losses.jsonl"));
    assertEquals(12, Files.readAllLines(resumed.resolve("losses.jsonl")).size());
    RunComparison.assertSameLosses(straight.resolve("eval.jsonl"), resumed.resolve("eval.jsonl"));
    RunComparison.assertSameWeights(straight.resolve("final"), resumed.resolve("final"));
  }

  @Test
  void theTorchEngineTrainsAndResumesThroughTheSameCommand() throws Exception {
    TorchEngineForTests.runtime();
    Path straight = dir.resolve("torch-straight");
    Path resumed = dir.resolve("torch-resumed");
    CliRunner full = train(straight, 12, false, "--engine", "torch");
    assertEquals(0, full.exitCode(), full.err());
    assertTrue(full.out().contains("torch trainer started: torch, PyTorch "), full.out());
    assertTrue(full.out().contains(", 1 × cpu"), full.out());
    assertEquals(0, train(resumed, 6, false, "--engine", "torch").exitCode());
    CliRunner again = train(resumed, 12, false, "--engine", "torch");
    assertEquals(2, again.exitCode(), "a fresh run never overwrites checkpoints");
    assertTrue(again.err().contains("already holds checkpoints; resume from them (--resume)"), again.err());
    CliRunner rest = train(resumed, 12, true, "--engine", "torch");
    assertEquals(0, rest.exitCode(), rest.err());
    assertTrue(rest.out().contains("checkpoints/step-6"), rest.out());

    RunComparison.assertSameLosses(straight.resolve("losses.jsonl"), resumed.resolve("losses.jsonl"));
    RunComparison.assertSameLosses(straight.resolve("eval.jsonl"), resumed.resolve("eval.jsonl"));
    RunComparison.assertSameWeights(straight.resolve("final"), resumed.resolve("final"));
  }

  @Test
  void anInterpreterWithoutTorchIsOneLineSayingHowToInstallIt() {
    CliRunner run = train(dir.resolve("no-torch"), 2, false, "--engine", "torch", "--python", "/nonexistent/python3");
    assertEquals(2, run.exitCode());
    assertEquals(1, run.errLines(), run.err());
    assertTrue(run.err().startsWith("cpt: --engine torch: /nonexistent/python3 cannot run the torch engine: "), run.err());
    assertTrue(run.err().contains("apt-get install -y --no-install-recommends python3-torch libopenblas0-pthread"), run.err());
  }

  private static CliRunner train(Path out, int steps, boolean resume, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--input", data.toString(), "--epochs", "2",
        "--text-field", "meta.body", "--out", out.toString(), "--steps", String.valueOf(steps), "--seq-len", "32",
        "--micro-batch", "4", "--grad-accum", "2", "--lr", "1e-3", "--checkpoint-every", "3", "--eval-every", "6",
        "--eval", data.toString()));
    if (resume) {
      args.add("--resume");
    }
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }
}
