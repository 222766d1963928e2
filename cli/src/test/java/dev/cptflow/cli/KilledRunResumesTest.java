package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.Json;
import dev.cptflow.cli.chaos.CptProcesses;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user meets when {@code cpt run} itself dies: the whole process (its embedded server, its workers) is
 * SIGKILLed while it trains, and the same command, run again, takes the finished nodes from the cache, resumes
 * training from the last checkpoint in the store and ends with an undisturbed run's weights, losses and results.
 */
@Tag("slow")
class KilledRunResumesTest {
  @TempDir Path dir;

  @Test
  void theSameCommandResumesAKilledRunFromItsCheckpoint() throws Exception {
    Path spec = CrashFixture.write(dir);
    Path reference = dir.resolve("reference");
    CliRunner undisturbed = CliRunner.run("run", "--no-progress", "--store", reference.toString(),
        "--outcome", dir.resolve("reference.json").toString(), spec.toString());
    assertEquals(0, undisturbed.exitCode(), undisturbed.out() + undisturbed.err());

    Path store = dir.resolve("store");
    String[] command = {"run", "--no-progress", "--store", store.toString(), "--outcome", dir.resolve("resumed.json").toString(),
        spec.toString()};
    int killedAt;
    try (CptProcesses processes = new CptProcesses(dir.resolve("logs"))) {
      Process run = processes.start(command);
      killedAt = awaitCheckpoint(store, run);
      run.destroyForcibly().waitFor(); // SIGKILL: the embedded server and its workers die with it
    }

    CliRunner again = CliRunner.run(command);
    assertEquals(0, again.exitCode(), again.out() + again.err());
    SweepResult resumed = Json.read(Files.readString(dir.resolve("resumed.json")), SweepResult.class);
    SweepResult clean = Json.read(Files.readString(dir.resolve("reference.json")), SweepResult.class);
    assertTrue(resumed.cachedNodes().containsAll(List.of("ingest/corpus", "ingest/tasks", "ingest/general", "select/dacp",
        "pack/dacp")), "what finished before the kill is taken from the cache: " + resumed.cachedNodes());
    assertTrue(again.out().contains(resumed.cachedNodes().size() + " of " + resumed.results().size() + " nodes from the cache"),
        again.out());

    StageResult train = resumed.results().get("train/dacp");
    int from = (int) train.shown("resumed_from_step", -1);
    assertTrue(from >= killedAt && from % 10 == 0, "resumed from a stored checkpoint (every 10 steps), at or after the one"
        + " there at the kill (step " + killedAt + "): " + from);
    StageResult referenceTrain = clean.results().get("train/dacp");
    for (String file : List.of("final/model.safetensors", "losses.jsonl", "eval.jsonl")) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(referenceTrain.outputPrefix()).resolve(file)),
          Files.readAllBytes(store.resolve(train.outputPrefix()).resolve(file)), file);
    }
    assertEquals(clean.results().get("eval/dacp/finance").counters(), resumed.results().get("eval/dacp/finance").counters());
    assertEquals(clean.results().get("eval/dacp/heldout").counters(), resumed.results().get("eval/dacp/heldout").counters());
    try (Stream<Path> left = Files.walk(store.resolve("cas"))) {
      assertTrue(left.noneMatch(path -> path.toString().contains("/checkpoints/") || path.toString().contains("/_lease/")),
          "no checkpoint or claim is left behind");
    }
    assertTrue(Files.exists(store.resolve(StoreLayout.sweepFile(resumed.sweepId(), "report.md"))));
  }

  /** Waits for the first complete checkpoint (its trainer_state.json is uploaded last); returns its step. */
  private static int awaitCheckpoint(Path store, Process run) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(run.isAlive(), "cpt run ended before its first checkpoint");
      Path train = store.resolve("cas/train");
      if (Files.isDirectory(train)) {
        try (Stream<Path> files = Files.walk(train)) {
          OptionalInt step = files.filter(file -> file.getFileName().toString().equals("trainer_state.json")
                  && file.getParent().getParent().getFileName().toString().equals("checkpoints"))
              .mapToInt(file -> Integer.parseInt(file.getParent().getFileName().toString().substring("step-".length())))
              .max();
          if (step.isPresent()) {
            return step.getAsInt();
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no checkpoint reached the store");
  }
}
