package dev.cptflow.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: its own picocli model, and the streams it prints on (tests give their own). */
abstract class CommandBase implements Callable<Integer> {
  @Spec CommandSpec command;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }
}
