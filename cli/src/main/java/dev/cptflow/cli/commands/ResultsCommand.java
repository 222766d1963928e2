package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.SweepIdArgument;
import dev.cptflow.cli.sweep.ResultsTable;
import dev.cptflow.cli.sweep.SweepLedger;
import dev.cptflow.cli.sweep.SweepRecord;
import dev.cptflow.workflows.api.SweepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "results", mixinStandardHelpOptions = true,
    description = "Print the results of a finished sweep, read from the store (no server needed).")
public class ResultsCommand extends CommandBase {
  enum Format { table, json, csv }

  @Mixin SweepIdArgument sweepArgument;

  @Option(names = "--format", defaultValue = "table", showDefaultValue = Visibility.ALWAYS, description = "table, json or csv.")
  Format format;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() {
    try (StoreRegistry stores = storeOptions.registry()) {
      SweepLedger ledger = new SweepLedger(stores.open(storeOptions.storeUri()));
      SweepRecord sweep = ledger.sweep(sweepArgument.sweepId());
      SweepResult outcome = ledger.outcome(sweep.sweepId())
          .orElseThrow(() -> new UserError("sweep " + sweep.sweepId() + " has not finished yet (see 'cpt status " + sweep.sweepId() + "')"));
      out().print(ResultsTable.render(outcome, format.name()));
      return outcome.succeeded() ? 0 : 1;
    }
  }
}
