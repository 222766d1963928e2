package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectCliTest {
  @TempDir Path dir;

  @Test
  void selectsFromParquetAndCsvAndPrintsTheSummary() throws Exception {
    Path sim = dir.resolve("sim.parquet");
    ScoreTables.write(sim, "sim", List.of(new ScoreRow("a", 10, 0.9), new ScoreRow("b", 10, 0.5), new ScoreRow("c", 10, 0.1),
        new ScoreRow("d", 70, 0.2)));
    Path ppl = Files.write(dir.resolve("ppl.csv"), List.of("id,tokens,ppl", "a,10,3.0", "b,10,9.0", "c,10,1.0", "d,70,2.0"));
    Path out = dir.resolve("sel.csv");
    CliRunner cli = CliRunner.run("select", "--scores", sim.toString(), "--variant", "ets-dacp", "--budget", "0.2",
        "--min-tokens", "0", "--out", out.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("selected 2 docs, 20 tokens (20.00% of 100 corpus tokens)"), cli.out());
    assertEquals(List.of("id,source_id,tokens,weight,rank", "a,,10,0.9,0", "b,,10,0.5,1"), Files.readAllLines(out));

    // The spec's default min_tokens (32) drops the short documents, as a sweep's selection would.
    CliRunner byDefault = CliRunner.run("select", "--scores", sim.toString(), "--variant", "ets-dacp", "--budget", "0.8",
        "--out", dir.resolve("default.csv").toString());
    assertEquals(0, byDefault.exitCode(), byDefault.err());
    assertEquals(List.of("id,source_id,tokens,weight,rank", "d,,70,0.2,0"), Files.readAllLines(dir.resolve("default.csv")));
    assertTrue(Files.exists(dir.resolve("sel.summary.json")));

    Path com = dir.resolve("com.parquet");
    CliRunner combined = CliRunner.run("select", "--scores", sim.toString(), ppl.toString(), "--variant", "ets-dacp-com", "--metrics",
        "sim,ppl", "--weights", "ppl=3", "--budget-docs", "1", "--min-tokens", "0", "--out", com.toString());
    assertEquals(0, combined.exitCode(), combined.err());
    assertTrue(combined.out().startsWith("selected 1 docs, 10 tokens"), combined.out());
    assertEquals(List.of("token lengths: selected 1 docs, p10 10, median 10, p90 10, max 10, mean 10; corpus 4 docs, p10"
        + " 10, median 10, p90 70, max 70, mean 25"), combined.out().lines().skip(1).toList(),
        "the summary, then the selection's token lengths against the corpus's, and no warning");

    CliRunner soft = CliRunner.run("select", "--scores", ppl.toString(), "--variant", "eta-dacp-ppl", "--sampling", "soft",
        "--out", dir.resolve("soft.jsonl").toString());
    assertEquals(0, soft.exitCode(), soft.err());
  }

  @Test
  void dacpAndBadFlagsAreUsageErrors() throws Exception {
    Path ppl = Files.write(dir.resolve("ppl.csv"), List.of("id,tokens,ppl", "a,10,3.0"));
    CliRunner dacp = CliRunner.run("select", "--scores", ppl.toString(), "--variant", "dacp", "--out", dir.resolve("x.parquet").toString());
    assertEquals(2, dacp.exitCode());
    assertTrue(dacp.err().contains("not a selection"), dacp.err());
    assertEquals(1, dacp.errLines(), dacp.err());
    CliRunner missing = CliRunner.run("select", "--scores", ppl.toString(), "--variant", "ets-dacp", "--out", dir.resolve("y.parquet").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("sim"), missing.err());
    CliRunner both = CliRunner.run("select", "--scores", ppl.toString(), "--variant", "eta-dacp-ppl", "--budget", "0.1", "--budget-docs", "3",
        "--out", dir.resolve("z.parquet").toString());
    assertEquals(2, both.exitCode());
  }
}
