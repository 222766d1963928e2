package dev.cptflow.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure throughput of a stage against its raw engine, in the same run.",
    subcommands = {BenchLmCommand.class, BenchScoreCommand.class, BenchSelectCommand.class, BenchEvalCommand.class})
public class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
