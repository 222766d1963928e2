package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.torch.TorchEngineForTests;
import dev.cptflow.workflows.api.stage.TrainEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpt run} of a sweep whose variant trains with {@code engine: torch}, on the embedded default: the torch queue
 * is served by this process's engine, the sweep ends, and its report says which engine trained on how many devices.
 */
class TorchSweepTest {
  @TempDir Path dir;

  @Test
  @Tag("slow") // a whole sweep, as QuickstartTest
  void aTorchTrainedSweepRunsEndToEndAndItsReportShowsTheEngineAndWorldSize() throws Exception {
    TorchEngineForTests.runtime();
    Path spec = SmallSweepFixture.write(dir, "torch-sweep", TrainEngine.TORCH);
    Path store = dir.resolve("store");
    CliRunner run = CliRunner.run("run", "--no-progress", "--store", store.toString(), spec.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("(torch, PyTorch ") && run.out().contains(", 1 × cpu)"), run.out());

    List<Path> costs;
    try (Stream<Path> files = Files.walk(store.resolve("cas/train"))) {
      costs = files.filter(file -> file.getFileName().toString().equals("cost.json")).toList();
    }
    assertEquals(1, costs.size(), "one variant");
    JsonNode cost = new ObjectMapper().readTree(costs.get(0).toFile());
    assertEquals("torch", cost.get("engine").asText());
    assertEquals(1, cost.get("worldSize").asInt());
    assertTrue(cost.get("deviceSeconds").asDouble() > 0, cost.toString());
    try (Stream<Path> files = Files.list(store.resolve("sweeps"))) {
      Path sweep = files.filter(Files::isDirectory).findFirst().orElseThrow();
      String report = Files.readString(sweep.resolve("report.md"));
      assertTrue(report.contains("torch, PyTorch ") && report.contains("1 × cpu"), report);
    }
  }

  @Test
  void embeddedWithoutTorchTheRunStopsBeforeItStartsInOneLine() throws Exception {
    Path spec = SmallSweepFixture.write(dir, "no-torch", TrainEngine.TORCH);
    CliRunner run = CliRunner.run("run", "--no-progress", "--store", dir.resolve("store").toString(), "--python",
        "/nonexistent/python3", spec.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.errLines(), run.err());
    assertTrue(run.err().startsWith("cpt: training.engine: torch: /nonexistent/python3 cannot run the torch engine: "),
        run.err());
    assertTrue(run.err().contains("python3-torch"), run.err());
  }
}
