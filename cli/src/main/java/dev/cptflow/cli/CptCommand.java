package dev.cptflow.cli;

import dev.cptflow.cli.commands.BenchCommand;
import dev.cptflow.cli.commands.CancelCommand;
import dev.cptflow.cli.commands.ChaosCommand;
import dev.cptflow.cli.commands.DemoDataCommand;
import dev.cptflow.cli.commands.EvalCommand;
import dev.cptflow.cli.commands.IngestCommand;
import dev.cptflow.cli.commands.ListCommand;
import dev.cptflow.cli.commands.ModelCommand;
import dev.cptflow.cli.commands.TrainCommand;
import dev.cptflow.cli.commands.PlanCommand;
import dev.cptflow.cli.commands.ResultsCommand;
import dev.cptflow.cli.commands.RunCommand;
import dev.cptflow.cli.commands.S3ServerCommand;
import dev.cptflow.cli.commands.ScoreCommand;
import dev.cptflow.cli.commands.SelectCommand;
import dev.cptflow.cli.commands.ServerCommand;
import dev.cptflow.cli.commands.StatusCommand;
import dev.cptflow.cli.commands.SubmitCommand;
import dev.cptflow.cli.commands.ValidateCommand;
import dev.cptflow.cli.commands.WorkerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "cpt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "CPT Flow: continual pre-training experiments (DACP, TACP, ETS-DACP, ETA-DACP) as durable Temporal workflows.",
      ""
    },
    subcommands = {
      RunCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      ResultsCommand.class,
      CancelCommand.class,
      ListCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      ServerCommand.class,
      WorkerCommand.class,
      S3ServerCommand.class,
      ChaosCommand.class,
      ModelCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      DemoDataCommand.class,
      ScoreCommand.class,
      SelectCommand.class,
      IngestCommand.class,
      BenchCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    footer = {"", "Exit codes: 0 ok, 1 the run failed, 2 a usage or validation error."})
public class CptCommand implements Runnable {
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and SDK logs.")
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
