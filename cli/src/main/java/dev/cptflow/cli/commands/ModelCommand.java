package dev.cptflow.cli.commands;

import picocli.CommandLine.Command;

@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Create or inspect a GPT-NeoX (Pythia) model directory in the Hugging Face layout.",
    subcommands = {ModelInitCommand.class, ModelInfoCommand.class, ModelLogitsCommand.class})
public class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
