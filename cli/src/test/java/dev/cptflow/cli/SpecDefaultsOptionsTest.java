package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.spec.SpecDefaults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands that run one stage take the spec's defaults: an option that names a spec field in its description
 * key must name one {@link SpecDefaults} knows (a typo would leave it without a default), and the command line then
 * shows and uses that default.
 */
class SpecDefaultsOptionsTest {

  @Test
  void everySpecBackedOptionNamesAKnownSpecField() {
    List<String> unknown = new ArrayList<>();
    List<String> backed = new ArrayList<>();
    walk(new CommandLine(new CptCommand()).getCommandSpec(), unknown, backed);
    assertEquals(List.of(), unknown);
    assertTrue(backed.contains("cpt train --lr=training.lr") && backed.contains("cpt ingest --shard-docs=ingest.shard_docs"),
        backed.toString());
  }

  @Test
  void theHelpShowsTheSpecsDefaults() {
    CliRunner help = CliRunner.run("train", "--help");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().contains("Peak learning rate. Default: " + SpecDefaults.TRAINING.lr()), help.out());
    assertTrue(help.out().contains("Default: " + SpecDefaults.TRAINING.schedule().key()), help.out());
    CliRunner ingest = CliRunner.run("ingest", "--help");
    assertTrue(ingest.out().contains("Documents per shard. Default: " + SpecDefaults.INGEST.shardDocs()), ingest.out());
  }

  private static void walk(CommandSpec command, List<String> unknown, List<String> backed) {
    for (OptionSpec option : command.options()) {
      String key = option.descriptionKey();
      // Picocli gives its own help and version options description keys of their own.
      if (key == null || key.isEmpty() || option.usageHelp() || option.versionHelp()) {
        continue;
      }
      (SpecDefaults.hasOption(key) ? backed : unknown).add(command.qualifiedName() + " " + option.longestName() + "=" + key);
    }
    for (CommandLine sub : command.subcommands().values()) {
      if (sub.getCommandSpec().parent() == command) {
        walk(sub.getCommandSpec(), unknown, backed);
      }
    }
  }
}
