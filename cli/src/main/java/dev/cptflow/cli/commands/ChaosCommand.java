package dev.cptflow.cli.commands;

import dev.cptflow.cli.ExitCodes;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.chaos.ChaosRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = {
      "Run a sweep through worker crashes and a store outage, and check that nothing was lost. It runs the " +
          "spec undisturbed first ('cpt run', reused when DIR/reference already holds it), then again on 'cpt " +
          "server --no-activities' with activity workers as OS processes and the store on 'cpt s3-server' in " +
          "its own process: it SIGKILLs the worker running a randomly chosen activity at a random moment, N " +
          "times over the run, in every kind of stage, starting a replacement each time, and stops the S3 " +
          "server once for --outage.",
      "Then it compares every node's artifacts with the undisturbed run's and prints one line per kill: the " +
          "stage it hit, the work redone (training steps against checkpoint_every, documents rescored, eval " +
          "items redone) and whether the node survived with identical outputs. Exit 0 when every kill survived " +
          "and the outputs are identical, else 1."
    })
public class ChaosCommand extends CommandBase {
  @Parameters(paramLabel = "SPEC", description = "The sweep spec (YAML).")
  Path specPath;

  @Option(names = "--kills", defaultValue = "20", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Workers to kill over the run.")
  int kills;

  @Option(names = "--seed", defaultValue = "1", showDefaultValue = Visibility.ALWAYS, paramLabel = "S",
      description = "Seeds which activities are hit, when, and when the store goes down.")
  long seed;

  @Option(names = "--outage", defaultValue = "30s", showDefaultValue = Visibility.ALWAYS, paramLabel = "DURATION",
      description = "How long the S3 server stays down (e.g. 30s, 2m; 0 for none).")
  String outage;

  @Option(names = "--workers", defaultValue = "3", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Activity workers (cpu and gpu queues, one slot each).")
  int workers;

  @Option(names = "--heartbeat-timeout", defaultValue = "10", showDefaultValue = Visibility.ALWAYS, paramLabel = "SECONDS",
      description = "How soon a killed worker's activity is retried elsewhere.")
  int heartbeatTimeout;

  @Option(names = "--dir", defaultValue = "cpt-chaos", showDefaultValue = Visibility.ALWAYS, paramLabel = "DIR",
      description = "Work directory: the undisturbed run's store (reference/), the S3 server's data (s3/), logs/.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (kills < 0 || workers < 2 || heartbeatTimeout < 1) {
      throw new UserError("--kills must be >= 0, --workers >= 2 (one dies at a time) and --heartbeat-timeout >= 1");
    }
    ChaosRun.Outcome outcome = new ChaosRun(
        new ChaosRun.Settings(specPath, kills, seed, duration(outage), workers, heartbeatTimeout, dir), out()).run();
    return outcome.passed() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  private static Duration duration(String text) {
    String value = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      return Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new UserError("--outage: '" + text + "' is not a duration; use e.g. 30s, 2m or 0");
    }
  }
}
