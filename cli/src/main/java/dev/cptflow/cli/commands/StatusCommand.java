package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.SweepIdArgument;
import dev.cptflow.cli.sweep.ProgressReader;
import dev.cptflow.cli.sweep.ProgressView;
import dev.cptflow.cli.sweep.SweepLedger;
import dev.cptflow.cli.sweep.SweepWatcher;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
      "Show a sweep's progress per stage, with cache hits marked.",
      "Live from the server while it runs (with docs/s and ETA); afterwards from the outcome in the store."
    })
public class StatusCommand extends CommandBase {
  @Mixin SweepIdArgument sweepArgument;

  @Option(names = "--wait", description = "Keep redrawing until the sweep ends.")
  boolean waitForEnd;

  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = out();
    String sweepId = sweepArgument.sweepId();
    String workflowId = WorkflowIds.sweep(sweepId);
    try (StoreRegistry stores = storeOptions.registry()) {
      SweepLedger ledger = new SweepLedger(stores.open(storeOptions.storeUri()));
      Optional<Integer> live = liveStatus(workflowId, out);
      if (live.isPresent()) {
        return live.get();
      }
      ledger.sweep(sweepId);
      SweepResult outcome = ledger.outcome(sweepId)
          .orElseThrow(() -> new UserError("sweep " + sweepId + " is not finished, and no server at "
              + connection.settings(ConnectionOptions.LOCAL_SERVER).target() + " knows it"));
      printOutcome(outcome, out);
      return outcome.succeeded() ? 0 : 1;
    }
  }

  /** Empty when the server is unreachable or does not know the sweep (an embedded run that ended). */
  private Optional<Integer> liveStatus(String workflowId, PrintWriter out) throws InterruptedException {
    try (TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      SweepWatcher watcher = new SweepWatcher(session.client(), out, waitForEnd && System.console() != null);
      WorkflowExecutionStatus status;
      if (waitForEnd) {
        status = watcher.watch(workflowId, Duration.ofSeconds(1), Duration.ofSeconds(10));
      } else {
        status = watcher.status(workflowId);
        out.println("sweep " + workflowId + "  " + SweepWatcher.statusWord(status));
        out.print(new ProgressView().render(new ProgressReader(session.client()).read(workflowId), System.currentTimeMillis()));
      }
      boolean ok = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
          || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      return Optional.of(ok ? 0 : 1);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void printOutcome(SweepResult outcome, PrintWriter out) {
    out.println("sweep " + outcome.sweepId() + "  " + outcome.state() + "  (recorded in the store)");
    int width = outcome.results().keySet().stream().mapToInt(String::length).max().orElse(10);
    for (Map.Entry<String, StageResult> entry : outcome.results().entrySet()) {
      out.printf("  %-" + width + "s  %s%n", entry.getKey(), entry.getValue().cached() ? "cached   (cache hit)" : "done");
    }
    out.print(dev.cptflow.cli.sweep.ResultsTable.failureLines(outcome).indent(2));
    long hits = outcome.results().values().stream().filter(StageResult::cached).count();
    if (!outcome.results().isEmpty()) {
      out.println("  " + hits + " of " + outcome.results().size() + " finished nodes were cache hits");
    }
  }
}
