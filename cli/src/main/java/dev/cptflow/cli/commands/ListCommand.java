package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.sweep.SweepLedger;
import dev.cptflow.cli.sweep.SweepRecord;
import dev.cptflow.workflows.api.SweepResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the sweeps recorded in the store, newest first (works without a server).")
public class ListCommand implements Callable<Integer> {
  @Mixin StoreOptions storeOptions;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    try (StoreRegistry stores = storeOptions.registry()) {
      SweepLedger ledger = new SweepLedger(stores.open(storeOptions.storeUri()));
      List<SweepRecord> sweeps = ledger.sweeps();
      if (sweeps.isEmpty()) {
        out.println("no sweeps in " + storeOptions.storeUri());
        return 0;
      }
      out.printf("%-40s  %-20s  %-10s  %5s  %8s%n", "SWEEP", "SUBMITTED", "STATE", "NODES", "VARIANTS");
      for (SweepRecord sweep : sweeps) {
        String state = ledger.outcome(sweep.sweepId()).map(SweepResult::state).orElse("unfinished");
        out.printf("%-40s  %-20s  %-10s  %5d  %8d%n", sweep.sweepId(), sweep.submittedAt(), state, sweep.nodes(), sweep.variants());
      }
      return 0;
    }
  }
}
