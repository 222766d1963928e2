package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.Json;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache hits are checked against what their entries recorded: a truncated score table and a summary altered in place
 * are each found on the next run, named in its output, its progress and the sweep's report, and computed again, and
 * the sweep ends with the same results as the first run.
 */
class VerifiedCacheTest {
  @TempDir Path dir;

  @Test
  void aBrokenCachedArtifactIsRecomputedNotUsedAndNamed() throws Exception {
    Path spec = SmallSweepFixture.write(dir, "verified");
    Path store = dir.resolve("store");
    CliRunner first = run(spec, store, dir.resolve("first.json"));
    SweepResult firstOutcome = outcome(dir.resolve("first.json"));
    String sweepId = firstOutcome.sweepId();
    byte[] results = Files.readAllBytes(store.resolve(StoreLayout.sweepFile(sweepId, "results.json")));
    String scores = firstOutcome.results().get("score/sim").outputPrefix();
    Path table = store.resolve(ScoreOutput.tableKey(scores, 1));
    byte[] original = Files.readAllBytes(table);
    Path selection = store.resolve(firstOutcome.results().get("select/ets-dacp-hard").outputPrefix()).resolve("selection.parquet");
    byte[] selected = Files.readAllBytes(selection);

    try (RandomAccessFile truncate = new RandomAccessFile(table.toFile(), "rw")) {
      truncate.setLength(original.length / 2);
    }
    CliRunner second = run(spec, store, dir.resolve("second.json"));
    SweepResult secondOutcome = outcome(dir.resolve("second.json"));
    String reason = secondOutcome.rejectedCacheEntries().get("score/sim");
    assertTrue(reason != null && reason.contains(table.getFileName().toString())
        && reason.contains("is " + String.format(java.util.Locale.ROOT, "%,d", original.length / 2) + " bytes"),
        "the rejected entry names the artifact and its size: " + secondOutcome.rejectedCacheEntries());
    assertTrue(second.out().contains("RECOMPUTED  score/sim: cache entry rejected, ") && second.out().contains(table.getFileName().toString()),
        second.out());
    assertTrue(second.out().contains("(recomputed: "), "the progress shows it: " + second.out());
    assertFalse(secondOutcome.results().get("score/sim").cached(), "computed again, not used");
    assertTrue(secondOutcome.results().get("select/ets-dacp-hard").cached(), "what read the table stays a hit");
    assertArrayEquals(original, Files.readAllBytes(table), "the table is back as it was");
    assertTrue(Files.readString(store.resolve(StoreLayout.sweepFile(sweepId, "report.md"))).contains("## Recomputed cache entries"));
    assertTrue(Files.readString(store.resolve(StoreLayout.sweepFile(sweepId, "report.md"))).contains(table.getFileName().toString()));
    assertArrayEquals(results, Files.readAllBytes(store.resolve(StoreLayout.sweepFile(sweepId, "results.json"))),
        "the same results: every node after the score is a hit");

    Path summary = selection.resolveSibling("selection.summary.json");
    byte[] summaryBytes = Files.readAllBytes(summary);
    byte[] altered = summaryBytes.clone();
    altered[altered.length / 2] = (byte) (altered[altered.length / 2] == '1' ? '2' : '1');
    Files.write(summary, altered);
    CliRunner third = run(spec, store, dir.resolve("third.json"));
    String why = outcome(dir.resolve("third.json")).rejectedCacheEntries().get("select/ets-dacp-hard");
    assertTrue(why != null && why.contains("selection.summary.json has SHA-256"), third.out());
    assertArrayEquals(summaryBytes, Files.readAllBytes(summary));
    assertArrayEquals(selected, Files.readAllBytes(selection), "the same selection");
    assertEquals(0, first.exitCode());
  }

  private static CliRunner run(Path spec, Path store, Path outcome) {
    CliRunner run = CliRunner.run("run", "--no-progress", "--store", store.toString(), "--outcome", outcome.toString(),
        spec.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    return run;
  }

  private static SweepResult outcome(Path file) throws Exception {
    return Json.read(Files.readString(file), SweepResult.class);
  }
}
