package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCliTest {
  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void tinyModel() {
    model = dir.resolve("tiny");
    CliRunner init = CliRunner.run("model", "init", "--preset", "tiny", "--seed", "3", "--out", model.toString());
    assertEquals(0, init.exitCode(), init.err());
  }

  @Test
  void evalWritesLmEvalShapedResultsSamplesAndSkipsTasksWithoutData() throws Exception {
    Path fpb = Files.write(dir.resolve("fpb.txt"), List.of("Sales rose@positive", "Profit fell@negative", "The board met@neutral",
        "Orders grew@positive"));
    Path general = Files.write(dir.resolve("general.jsonl"), List.of("{\"text\": \"the river runs past the old mill\"}",
        "{\"text\": \"children played in the park\"}"));
    Path out = dir.resolve("out");
    CliRunner eval = CliRunner.run("eval", "--model", model.toString(), "--tasks", "finance", "--data", "fpb=" + fpb,
        "--shots", "2", "--limit", "3", "--perplexity", "general=" + general, "--seq-len", "64", "--out", out.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    assertTrue(eval.out().contains("fpb ") && eval.out().contains("acc"), eval.out());
    assertTrue(eval.out().contains("ner") && eval.out().contains("skipped: no data configured"), eval.out());
    assertTrue(eval.out().contains("heldout_general"), eval.out());

    Map<?, ?> results = new ObjectMapper().readValue(out.resolve("results.json").toFile(), Map.class);
    Map<?, ?> fpbResults = (Map<?, ?>) ((Map<?, ?>) results.get("results")).get("fpb");
    for (String metric : List.of("acc", "missing", "f1", "macro_f1", "mcc")) {
      assertTrue(fpbResults.containsKey(metric) && fpbResults.containsKey(metric + "_stderr"), metric + " in " + fpbResults);
    }
    assertEquals("generate", fpbResults.get("protocol"), "FPB is FLARE's generation by default");
    assertTrue(eval.out().contains("generate"), eval.out());
    Map<?, ?> fpbConfig = (Map<?, ?>) ((Map<?, ?>) results.get("configs")).get("fpb");
    assertEquals(1234, ((Number) fpbConfig.get("limit_seed")).intValue(), "--limit draws a seeded sample");
    Map<?, ?> heldout = (Map<?, ?>) ((Map<?, ?>) results.get("results")).get("heldout_general");
    assertTrue(((Number) heldout.get("loss")).doubleValue() > 0, heldout.toString());
    assertEquals(List.of("fiqasa", "headlines", "ner"), List.copyOf(((Map<?, ?>) results.get("skipped")).keySet()));
    assertEquals(Map.of("original", 4, "effective", 3), ((Map<?, ?>) results.get("n-samples")).get("fpb"));
    assertEquals(1234, ((Number) ((Map<?, ?>) results.get("config")).get("seed")).intValue());
    assertEquals(3, Files.readAllLines(out.resolve("samples_fpb.jsonl")).size());
  }

  @Test
  void protocolLoglikRanksTheChoicesAndABadProtocolIsAOneLineError() throws Exception {
    Path fpb = Files.write(dir.resolve("fpb-loglik.txt"), List.of("Sales rose@positive", "Profit fell@negative",
        "The board met@neutral"));
    Path out = dir.resolve("loglik");
    CliRunner eval = CliRunner.run("eval", "--model", model.toString(), "--tasks", "fpb", "--data", "fpb=" + fpb,
        "--shots", "1", "--protocol", "fpb=loglik", "--bootstrap-iters", "200", "--out", out.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    Map<?, ?> results = new ObjectMapper().readValue(out.resolve("results.json").toFile(), Map.class);
    Map<?, ?> fpbResults = (Map<?, ?>) ((Map<?, ?>) results.get("results")).get("fpb");
    assertEquals("loglik", fpbResults.get("protocol"));
    assertTrue(fpbResults.containsKey("acc_norm") && !fpbResults.containsKey("missing"), fpbResults.toString());

    CliRunner bad = CliRunner.run("eval", "--model", model.toString(), "--tasks", "fpb", "--data", "fpb=" + fpb,
        "--protocol", "ranked", "--out", dir.resolve("bad-protocol").toString());
    assertEquals(2, bad.exitCode());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(bad.err().contains("--protocol ranked") && bad.err().contains("generate, loglik"), bad.err());
  }

  @Test
  void badDataAndUnknownTasksAreOneLineErrors() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.txt"), "Sales rose@positive\nSales fell@postive\n");
    CliRunner badLine = CliRunner.run("eval", "--model", model.toString(), "--tasks", "fpb", "--data", "fpb=" + bad,
        "--out", dir.resolve("bad-out").toString());
    assertEquals(2, badLine.exitCode());
    assertEquals(1, badLine.err().strip().lines().count(), badLine.err());
    assertTrue(badLine.err().contains(bad + ":2") && badLine.err().contains("'label'"), badLine.err());

    CliRunner unknown = CliRunner.run("eval", "--model", model.toString(), "--tasks", "fbp", "--out", dir.resolve("u").toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown task 'fbp'"), unknown.err());
  }
}
