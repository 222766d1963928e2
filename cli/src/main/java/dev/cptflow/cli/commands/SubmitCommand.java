package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.TuningOptions;
import dev.cptflow.cli.sweep.SubmittedSweep;
import dev.cptflow.cli.sweep.SweepSubmitter;
import dev.cptflow.cli.sweep.TemporalSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Start a sweep on a running server ('cpt server' or a cluster) and return its id at once.")
public class SubmitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SPEC", description = "The sweep spec (YAML).")
  Path specPath;

  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions storeOptions;
  @Mixin TuningOptions tuningOptions;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    SpecFiles.SpecFile spec = SpecFiles.read(specPath);
    try (StoreRegistry stores = storeOptions.registry();
        TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      SubmittedSweep sweep =
          new SweepSubmitter(session.client(), stores.open(storeOptions.storeUri())).submit(spec.loaded(), spec.text(), tuningOptions.tuning());
      if (!sweep.searchAttributesMissing().isEmpty()) {
        command.commandLine().getErr().println("cpt: note: " + sweep.searchAttributesMissing());
      }
      command.commandLine().getOut().println(sweep.sweepId() + (sweep.attached() ? " (already running)" : ""));
      return 0;
    }
  }
}
