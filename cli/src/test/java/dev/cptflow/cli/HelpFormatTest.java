package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Picocli passes every header, description and footer line through {@link String#format}, and prints a warning
 * instead of the help when one is not a valid format (a lone {@code %} must be written {@code %%}).
 */
class HelpFormatTest {

  @Test
  void everyHelpLineOfEveryCommandIsAValidFormat() {
    List<String> bad = new ArrayList<>();
    check(new CommandLine(new CptCommand()).getCommandSpec(), bad);
    assertTrue(bad.isEmpty(), "help lines picocli cannot format:\n" + String.join("\n", bad));
  }

  private static void check(CommandSpec command, List<String> bad) {
    String name = command.qualifiedName();
    List<String> lines = new ArrayList<>();
    lines.addAll(List.of(command.usageMessage().header()));
    lines.addAll(List.of(command.usageMessage().description()));
    lines.addAll(List.of(command.usageMessage().footer()));
    for (ArgSpec arg : command.args()) {
      lines.addAll(List.of(arg.description()));
    }
    for (String line : lines) {
      try {
        String.format(line);
      } catch (IllegalFormatException e) {
        bad.add(name + ": " + line + " (" + e + ")");
      }
    }
    for (CommandLine sub : command.subcommands().values()) {
      if (sub.getCommandSpec().parent() == command) {
        check(sub.getCommandSpec(), bad);
      }
    }
  }
}
