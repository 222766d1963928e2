package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.store.CacheRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a new user runs it: {@code cpt run examples/quickstart.yaml} builds the demo data
 * and base model, runs every variant and evaluation, writes the report and prints it; running it again is all
 * cache hits. (A few minutes on two cores; the demo set goes to a temporary cache, not the user's.)
 */
@Tag("slow")
class QuickstartTest {
  @TempDir Path dir;
  private String previousCache;

  @BeforeEach
  void temporaryCache() {
    previousCache = System.getProperty(CacheRoot.PROPERTY);
    System.setProperty(CacheRoot.PROPERTY, dir.resolve("cache").toString());
  }

  @AfterEach
  void restoreCache() {
    if (previousCache == null) {
      System.clearProperty(CacheRoot.PROPERTY);
    } else {
      System.setProperty(CacheRoot.PROPERTY, previousCache);
    }
  }

  @Test
  void theQuickstartRunsEveryVariantWritesTheReportAndThenComesFromTheCache() throws Exception {
    String store = dir.resolve("store").toString();
    CliRunner run = CliRunner.run("run", "--no-progress", "--store", store, CliContractTest.QUICKSTART.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    String sweepId = run.out().lines().filter(line -> line.startsWith("started sweep ")).findFirst().orElseThrow().split(" ")[2];
    Path sweep = dir.resolve("store/sweeps").resolve(sweepId);
    for (String file : List.of("report.md", "report.html", "results.json", "results.csv")) {
      assertTrue(Files.exists(sweep.resolve(file)), file);
    }
    try (Stream<Path> plots = Files.list(sweep.resolve("plots"))) {
      assertTrue(plots.filter(plot -> plot.toString().endsWith(".png")).count() >= 3, "at least 3 plots");
    }
    assertTrue(run.out().contains("report: " + "file:" + sweep.toAbsolutePath().resolve("report.html")), run.out());
    for (String model : List.of("base", "dacp", "tacp", "ets-dacp-hard", "ets-dacp-soft", "eta-dacp-ppl-hard",
        "eta-dacp-ent-hard", "ets-dacp-com-hard")) {
      assertTrue(run.out().lines().anyMatch(line -> line.startsWith(model + " ")), model + " has a row:\n" + run.out());
    }
    assertTrue(run.out().contains("Selection vs the planted sub-domain"), run.out());
    assertTheDemoSelectionsFindThePlantedDomain(sweep.resolve("results.json"));

    CliRunner again = CliRunner.run("run", "--no-progress", "--store", store, CliContractTest.QUICKSTART.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("(44 of 44 nodes from the cache)"), again.out());
  }

  /**
   * The claim the demo shows: similarity and perplexity pick the planted finance documents far above their base rate,
   * and soft sampling, which trades precision for diversity, picks them less often than hard. A broken scorer fails
   * here even when every node runs.
   */
  private static void assertTheDemoSelectionsFindThePlantedDomain(Path resultsJson) throws Exception {
    Map<String, JsonNode> byVariant = new HashMap<>();
    new ObjectMapper().readTree(resultsJson.toFile()).path("selection")
        .forEach(selection -> byVariant.put(selection.get("variant").asText(), selection));
    for (String variant : List.of("ets-dacp-hard", "eta-dacp-ppl-hard")) {
      JsonNode selection = byVariant.get(variant);
      assertTrue(selection != null && selection.get("lift").asDouble() >= 5,
          variant + " precision at least 5x the base rate: " + selection);
    }
    assertTrue(byVariant.get("ets-dacp-soft").get("precision").asDouble()
        < byVariant.get("ets-dacp-hard").get("precision").asDouble(), "soft below hard: " + byVariant);
  }
}
