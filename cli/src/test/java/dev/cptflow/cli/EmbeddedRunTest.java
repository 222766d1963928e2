package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpt run} on the embedded server with the production workers, on a quickstart whose inputs do not
 * exist: the honest outcome is a failed run that says which input is missing, recorded in the store for
 * {@code list}, {@code status} and {@code results}.
 */
class EmbeddedRunTest {
  @TempDir Path dir;

  @Test
  void aRunWithMissingInputsFailsSayingWhichAndRecordsTheOutcome() throws Exception {
    String store = dir.resolve("store").toString();
    CliRunner run = CliRunner.run("run", "--no-progress", "--store", store, CliContractTest.quickstartWithoutInputs(dir).toString());
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("ingest/corpus: missing/base-model: no such model directory"), run.out());
    assertTrue(run.err().contains("cpt: sweep quickstart-"), run.err());
    assertEquals(1, run.errLines(), "one line for the user: " + run.err());
    assertFalse(run.out().contains("Exception") || run.err().contains("Exception"), "no stack trace");

    CliRunner list = CliRunner.run("list", "--store", store);
    assertEquals(0, list.exitCode());
    String sweepId = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    assertTrue(sweepId.startsWith("quickstart-"), list.out());
    assertTrue(list.out().contains("failed"), list.out());
    assertTrue(Files.exists(dir.resolve("store/sweeps/" + sweepId + "/graph.json")));

    CliRunner results = CliRunner.run("results", "--store", store, "--format", "json", sweepId);
    assertEquals(1, results.exitCode());
    assertTrue(results.out().contains("\"state\" : \"failed\""), results.out());

    CliRunner status = CliRunner.run("status", "--store", store, "--temporal", "127.0.0.1:1", sweepId);
    assertEquals(1, status.exitCode(), status.err());
    assertTrue(status.out().contains("recorded in the store"), status.out());
  }

  @Test
  void aCorpusOfOnlyBadRecordsFailsTheRunWithOneLineNotAnEmptySelection() throws Exception {
    Path spec = SmallSweepFixture.write(dir, "allbad");
    Files.writeString(dir.resolve("corpus.jsonl"), "{broken\n{\"title\": \"no text\"}\n".repeat(50));
    CliRunner run = CliRunner.run("run", "--no-progress", "--store", dir.resolve("store").toString(), spec.toString());

    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.errLines(), "one line for the user: " + run.err());
    assertTrue(run.out().contains("ingest/corpus: no training documents from [" + dir.resolve("corpus.jsonl")
        + "] (1 file): 0 good records read"), run.out());
    assertTrue(run.out().contains("skipped 50 invalid JSON (first at file:" + dir.resolve("corpus.jsonl") + ":1"), run.out());
    assertTrue(run.out().contains("not run 8 nodes downstream of the failures"), run.out());
    assertFalse(Files.exists(dir.resolve("store/cas/select")), "no selection is made from nothing");
    assertFalse(run.out().contains("Exception") || run.err().contains("Exception"), "no stack trace");
  }
}
