package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.SpecArgument;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.TuningOptions;
import dev.cptflow.cli.sweep.SubmittedSweep;
import dev.cptflow.cli.sweep.SweepSubmitter;
import dev.cptflow.cli.sweep.TemporalSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Start a sweep on a running server ('cpt server' or a cluster) and return its id at once.")
public class SubmitCommand extends CommandBase {
  @Mixin SpecArgument spec;

  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions storeOptions;
  @Mixin TuningOptions tuningOptions;

  @Override
  public Integer call() {
    SpecFiles.SpecFile loaded = spec.read();
    try (StoreRegistry stores = storeOptions.registry();
        TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      SubmittedSweep sweep =
          new SweepSubmitter(session.client(), stores.open(storeOptions.storeUri())).submit(loaded, tuningOptions.tuning());
      if (!sweep.searchAttributesMissing().isEmpty()) {
        err().println("cpt: note: " + sweep.searchAttributesMissing());
      }
      out().println(sweep.sweepId() + (sweep.attached() ? " (already running)" : ""));
      return 0;
    }
  }
}
