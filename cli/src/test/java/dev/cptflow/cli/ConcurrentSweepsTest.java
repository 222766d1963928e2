package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.Json;
import dev.cptflow.cli.chaos.CptProcesses;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.SweepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps started together against one store, each {@code cpt run} with its own embedded Temporal server: what they
 * share is computed once, by whichever claims it first in the store, and the other takes it from there.
 */
@Tag("slow")
class ConcurrentSweepsTest {
  @TempDir Path dir;
  private CptProcesses processes;

  @BeforeEach
  void processes() {
    processes = new CptProcesses(dir.resolve("logs"));
  }

  @AfterEach
  void stop() {
    processes.close();
  }

  @Test
  void twoRunsOfOneSpecComputeEachNodeOnceAndAgree() throws Exception {
    Path spec = manyShards(SmallSweepFixture.write(dir, "twice"));
    List<SweepResult> outcomes = runTogether(spec, spec);
    SweepResult first = outcomes.get(0);
    SweepResult second = outcomes.get(1);
    assertEquals(first.results().keySet(), second.results().keySet());
    first.results().forEach((node, result) -> {
      StageResult other = second.results().get(node);
      assertEquals(result.output(), other.output(), node + ": both runs end with the same output");
      if (node.startsWith("score/")) {
        assertEquals(shards(result), scoredBy(result) + scoredBy(other), node + ": each shard scored by one run");
      } else {
        assertEquals(1, (result.cached() ? 0 : 1) + (other.cached() ? 0 : 1), node + ": computed by exactly one run");
      }
    });

    // One set of artifacts: nothing is left over from the race, and every entry matches what it records.
    try (Stream<Path> left = Files.walk(dir.resolve("store/cas"))) {
      assertTrue(left.noneMatch(path -> path.toString().contains("/_lease/") || path.toString().contains("/checkpoints/")
          || path.toString().contains("/partial/")), "no claims, checkpoints or partial results left");
    }
    CliRunner verified = CliRunner.run("run", "--no-progress", "--verify-cache", "--store", dir.resolve("store").toString(),
        spec.toString());
    assertEquals(0, verified.exitCode(), verified.out() + verified.err());
    assertTrue(verified.out().contains(first.results().size() + " of " + first.results().size() + " nodes from the cache"),
        "every entry checks out against its artifacts, hash by hash: " + verified.out());
  }

  @Test
  void twoSweepsThatShareScoringScoreOnce() throws Exception {
    Path hard = manyShards(SmallSweepFixture.write(dir, "hard"));
    Path soft = Files.writeString(dir.resolve("soft.yaml"),
        Files.readString(hard).replace("name: hard", "name: soft").replace("sampling: hard", "sampling: soft"));
    List<SweepResult> outcomes = runTogether(hard, soft);
    StageResult hardScores = outcomes.get(0).results().get("score/sim");
    StageResult softScores = outcomes.get(1).results().get("score/sim");
    assertEquals(hardScores.output(), softScores.output(), "one score node, shared");
    assertEquals(shards(hardScores), scoredBy(hardScores) + scoredBy(softScores), "each shard scored once between them");
    for (String shared : List.of("ingest/corpus", "ingest/tasks", "ingest/general")) {
      assertEquals(1, Stream.of(outcomes.get(0), outcomes.get(1)).filter(o -> !o.results().get(shared).cached()).count(),
          shared + " computed once");
    }
    assertTrue(!outcomes.get(0).results().get("select/ets-dacp-hard").cached()
        && !outcomes.get(1).results().get("select/ets-dacp-soft").cached(), "what they do not share, each computes");
  }

  /** Both specs as {@code cpt run} processes on one store, started together; their own outcomes. */
  private List<SweepResult> runTogether(Path one, Path two) throws Exception {
    String store = dir.resolve("store").toString();
    Process a = processes.start("run", "--no-progress", "--store", store, "--outcome", dir.resolve("a.json").toString(),
        one.toString());
    Process b = processes.start("run", "--no-progress", "--store", store, "--outcome", dir.resolve("b.json").toString(),
        two.toString());
    assertEquals(0, a.waitFor(), processes.output(a));
    assertEquals(0, b.waitFor(), processes.output(b));
    return List.of(Json.read(Files.readString(dir.resolve("a.json")), SweepResult.class),
        Json.read(Files.readString(dir.resolve("b.json")), SweepResult.class));
  }

  /** Ten shards of twenty documents, so that two runs split the scoring between them. */
  private static Path manyShards(Path spec) throws Exception {
    return Files.writeString(spec, Files.readString(spec).replace("shard_docs: 100", "shard_docs: 20"));
  }

  private static int shards(StageResult scores) {
    return (int) scores.shown("shards", -1);
  }

  /** Shards this run scored itself; none when the whole node came from the other run. */
  private static int scoredBy(StageResult scores) {
    return scores.cached() ? 0 : shards(scores) - (int) scores.shown("shards_reused", 0);
  }

}
