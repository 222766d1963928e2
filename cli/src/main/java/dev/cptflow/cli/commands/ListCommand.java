package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.sweep.SweepLedger;
import dev.cptflow.cli.sweep.SweepRecord;
import dev.cptflow.cli.sweep.SweepVisibility.VisibleSweep;
import dev.cptflow.cli.sweep.SweepVisibility;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workflows.api.SweepResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = {
      "List sweeps, newest first. With --temporal, asks the server's visibility API by the CptSweep and CptStage",
      "search attributes (what the Web UI shows); servers without visibility queries ('cpt server', the SDK's test",
      "server) and runs without --temporal read the index in the store instead, which needs no server."
    })
public class ListCommand extends CommandBase {
  @Mixin StoreOptions storeOptions;
  @Mixin ConnectionOptions connection;

  @Option(names = "--stage", paramLabel = "STAGE",
      description = "Only sweeps in this part of the run (their CptStage): submitted, corpus, variants, report, done or failed. Needs --temporal.")
  String stage;

  @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most this many sweeps from the server. Default: 100")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (stage != null && !connection.targetGiven()) {
      throw new UserError("--stage filters by the CptStage search attribute, which needs a server: add --temporal HOST:PORT");
    }
    if (connection.targetGiven()) {
      try (TemporalSession session = TemporalSession.connect(connection.settings(null))) {
        Optional<List<VisibleSweep>> visible = new SweepVisibility(session.client()).list(stage, limit);
        if (visible.isPresent()) {
          printVisible(out, visible.get());
          return 0;
        }
        err().println("cpt: note: " + connection.settings(null).target()
            + " has no visibility queries (a test server); listing the store's index" + (stage == null ? "" : ", unfiltered"));
      }
    }
    return listFromStore(out);
  }

  private static void printVisible(PrintWriter out, List<VisibleSweep> sweeps) {
    if (sweeps.isEmpty()) {
      out.println("no sweeps on the server");
      return;
    }
    out.printf("%-40s  %-20s  %-10s  %-10s%n", "SWEEP", "STARTED", "STATUS", "STAGE");
    for (VisibleSweep sweep : sweeps) {
      out.printf("%-40s  %-20s  %-10s  %-10s%n", sweep.sweepId(), sweep.started(), sweep.status(), sweep.stage());
    }
  }

  private int listFromStore(PrintWriter out) {
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
