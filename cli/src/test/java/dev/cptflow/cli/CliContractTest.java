package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliContractTest {
  static final Path PAPER_SWEEP = Path.of("..", "examples", "paper-sweep.yaml");
  static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");

  @TempDir Path dir;

  /** The quickstart with its demo inputs pointing at paths that do not exist: a run that must fail, and say why. */
  static Path quickstartWithoutInputs(Path dir) throws java.io.IOException {
    return Files.writeString(dir.resolve("quickstart.yaml"), Files.readString(QUICKSTART).replace("demo:", "missing/"));
  }

  @Test
  void helpListsEveryCommand() {
    CliRunner cli = CliRunner.run("--help");
    assertEquals(0, cli.exitCode());
    for (String command : List.of("run", "submit", "status", "results", "cancel", "list", "worker", "server", "validate", "plan")) {
      assertTrue(cli.out().contains("\n  " + command + " "), command + " is listed:\n" + cli.out());
    }
  }

  @Test
  void validateRejectsABudgetAboveOneWithOneLineNamingTheField() throws Exception {
    Path spec = Files.writeString(dir.resolve("bad.yaml"), """
        name: bad
        model: {base: /models/base}
        corpus: [{uri: /data/*.jsonl}]
        selection: {budget: 1.5}
        variants: [{name: dacp}]
        """);
    CliRunner cli = CliRunner.run("validate", spec.toString());
    assertEquals(2, cli.exitCode());
    assertEquals(1, cli.errLines(), cli.err());
    assertEquals("cpt: " + spec + ":4: selection.budget: must be in (0, 1], got 1.5", cli.err().strip());
    assertFalse(cli.err().contains("Exception"), "no stack trace");
  }

  @Test
  void validateExplainShowsTheDefaults() {
    CliRunner cli = CliRunner.run("validate", "--explain", QUICKSTART.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("# default"), cli.out());
    assertTrue(cli.out().contains("min_lr_ratio"), "an unwritten field is shown with its default");
  }

  @Test
  void aMissingSpecFileIsAUsageError() {
    CliRunner cli = CliRunner.run("plan", dir.resolve("nope.yaml").toString());
    assertEquals(2, cli.exitCode());
    assertEquals(1, cli.errLines());
    assertTrue(cli.err().contains("nope.yaml: no such spec file"), cli.err());
  }

  @Test
  void planOfThePaperSweepHasOneSimNodeFeedingBothEtsDacpVariants() {
    CliRunner cli = CliRunner.run("plan", PAPER_SWEEP.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    List<String> simLines = cli.out().lines().filter(line -> line.strip().startsWith("score/sim ")).toList();
    assertEquals(1, simLines.size(), cli.out());
    assertTrue(simLines.get(0).contains("select/ets-dacp-hard"), simLines.get(0));
    assertTrue(simLines.get(0).contains("select/ets-dacp-soft"), simLines.get(0));
  }

  @Test
  void planRendersDotAndJson() {
    CliRunner dot = CliRunner.run("plan", "--format", "dot", PAPER_SWEEP.toString());
    assertEquals(0, dot.exitCode());
    assertTrue(dot.out().startsWith("digraph"), dot.out());
    CliRunner json = CliRunner.run("plan", "--format", "json", PAPER_SWEEP.toString());
    assertEquals(0, json.exitCode());
    assertTrue(json.out().contains("\"score/sim\""), json.out());
  }

  @Test
  void workerHelpDocumentsTlsAndApiKeyFlagsAndTheKeyIsNeverAnArgument() {
    CliRunner help = CliRunner.run("worker", "--help");
    assertEquals(0, help.exitCode());
    for (String flag : List.of("--tls-cert", "--tls-key", "--tls-ca", "--api-key-env", "--api-key-file", "--queues", "--gpu-slots", "--namespace")) {
      assertTrue(help.out().contains(flag), flag);
    }
    CliRunner keyOnCommandLine = CliRunner.run("worker", "--api-key", "secret-value");
    assertEquals(2, keyOnCommandLine.exitCode());
  }

  @Test
  void anUnknownQueueIsAUsageError() {
    CliRunner cli = CliRunner.run("worker", "--queues", "cpu,tpu", "--temporal", "127.0.0.1:1");
    assertEquals(2, cli.exitCode());
    assertTrue(cli.err().contains("unknown queue 'tpu'"), cli.err());
  }

  @Test
  void anUnreachableServerIsOneLineWithTheGrpcStatus(@TempDir Path dir) {
    CliRunner submit = CliRunner.run("submit", "--temporal", "127.0.0.1:1", "--store", dir.resolve("store").toString(),
        QUICKSTART.toString());
    assertEquals(1, submit.exitCode());
    assertEquals("cpt: the Temporal server refused or could not be reached: UNAVAILABLE: io exception", submit.err().strip());
  }

  @Test
  void workerHelpDocumentsTheSecureConnectionFlags() {
    CliRunner help = CliRunner.run("worker", "--help");
    assertEquals(0, help.exitCode());
    for (String flag : List.of("--tls-cert=FILE", "--tls-key=FILE", "--tls-ca=FILE", "--api-key-env=VAR", "--api-key-file=FILE",
        "--namespace=NS", "--profile=NAME", "--config-file=FILE", "--payload-keys-file=FILE", "--payload-keys-env=VAR")) {
      assertTrue(help.out().contains(flag), flag + " in:\n" + help.out());
    }
    assertFalse(help.out().contains("--api-key="), "no flag takes the key itself");
  }
}
