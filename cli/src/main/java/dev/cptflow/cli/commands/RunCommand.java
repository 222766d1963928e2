package dev.cptflow.cli.commands;

import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.cli.ExitCodes;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.SpecArgument;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.TorchOptions;
import dev.cptflow.cli.options.TuningOptions;
import dev.cptflow.cli.sweep.ReportSummary;
import dev.cptflow.cli.sweep.ResultsTable;
import dev.cptflow.cli.sweep.SubmittedSweep;
import dev.cptflow.cli.sweep.SweepLedger;
import dev.cptflow.cli.sweep.SweepSubmitter;
import dev.cptflow.cli.sweep.SweepWatcher;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import dev.cptflow.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
      "Run a sweep to the end and print its results. Finished nodes are cache hits and are skipped.",
      "Without --temporal, everything runs in this process on an embedded Temporal test server.",
      "With --temporal, this process serves the cpu and gpu queues; the workflows queue must be served by",
      "'cpt server' or by 'cpt worker --queues workflows' on a real cluster.",
      "A spec with training.engine: torch also needs --python's PyTorch here (embedded), or a 'cpt worker --queues",
      "torch' somewhere (with --temporal)."
    })
public class RunCommand extends CommandBase {
  @Mixin SpecArgument spec;

  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions storeOptions;
  @Mixin TuningOptions tuningOptions;
  @Mixin TorchOptions torch;

  @Option(names = "--no-progress", description = "Do not draw progress bars; print the table when it changes.")
  boolean noProgress;

  @Option(names = "--outcome", paramLabel = "FILE",
      description = "Also write this run's outcome as JSON (what 'cpt results --format json' prints) to FILE.")
  Path outcomeFile;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = out();
    SpecFiles.SpecFile loaded = spec.read();
    TorchRuntime engine = torchEngine(loaded);
    try (StoreRegistry stores = storeOptions.registry();
        TemporalSession session =
            connection.targetGiven() ? TemporalSession.connect(connection.settings(null)) : TemporalSession.embedded(connection.dataConverter())) {
      ArtifactStore store = stores.open(storeOptions.storeUri());
      EnumSet<TaskQueues> queues = session.isEmbedded() ? EnumSet.allOf(TaskQueues.class) : EnumSet.of(TaskQueues.CPU, TaskQueues.GPU);
      if (engine == null) {
        queues.remove(TaskQueues.TORCH);
      } else {
        queues.add(TaskQueues.TORCH);
      }
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      session.startWorkers(queues, new ProductionActivities(engine == null ? context : context.withTorch(engine)),
          WorkerSlots.forThisMachine());

      SubmittedSweep sweep = new SweepSubmitter(session.client(), store).submit(loaded, tuningOptions.tuning());
      if (!sweep.searchAttributesMissing().isEmpty()) {
        err().println("cpt: note: " + sweep.searchAttributesMissing());
      }
      out.println((sweep.attached() ? "joined running sweep " : "started sweep ") + sweep.sweepId()
          + " (workflow " + sweep.workflowId() + ", store " + store.uri() + ")");
      WorkflowExecutionStatus status =
          new SweepWatcher(session.client(), out, !noProgress && System.console() != null)
              .watch(sweep.workflowId(), Duration.ofMillis(500), Duration.ofSeconds(10));

      boolean completed = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
      // This run's own outcome: another run of the same spec on this store writes the same outcome.json.
      Optional<SweepResult> outcome = completed
          ? Optional.of(session.client().newUntypedWorkflowStub(sweep.workflowId()).getResult(SweepResult.class))
          : new SweepLedger(store).outcome(sweep.sweepId());
      if (outcomeFile != null && outcome.isPresent()) {
        writeOutcome(outcome.get());
      }
      Optional<String> report = store.readStringIfExists(StoreLayout.sweepFile(sweep.sweepId(), "report.md"));
      if (report.isPresent() && outcome.map(result -> result.failures().isEmpty()).orElse(false)) {
        out.println("sweep " + sweep.sweepId() + ": " + outcome.get().state() + " (" + provenance(outcome.get()) + ")");
        out.print(ResultsTable.failureLines(outcome.get()));
        out.print(ReportSummary.render(report.get()));
        out.println("report: " + store.resolveUri(StoreLayout.sweepFile(sweep.sweepId(), "report.html")) + " (also report.md,"
            + " results.json, results.csv, plots/)");
      } else {
        outcome.ifPresent(result -> out.print(ResultsTable.render(result, "table")));
      }
      out.println("sweep files: " + store.resolveUri(StoreLayout.sweepPrefix(sweep.sweepId())));
      out.flush();
      if (!completed) {
        err().println("cpt: sweep " + sweep.sweepId() + " " + SweepWatcher.statusWord(status)
            + outcome.map(result -> " (" + result.failures().size() + " failed, " + result.notRun().size() + " not run)").orElse(""));
      }
      return completed ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
  }

  /**
   * This process's torch engine when the spec trains with it, else null. Embedded, no other worker could take those
   * nodes, so an interpreter without PyTorch stops the run before it starts; against a server, another may.
   */
  private TorchRuntime torchEngine(SpecFiles.SpecFile spec) {
    if (spec.plan().nodes().stream().noneMatch(node -> node.queue() == TaskQueues.TORCH)) {
      return null;
    }
    if (!connection.targetGiven()) {
      return torch.usableRuntime("training.engine: torch");
    }
    TorchRuntime runtime = torch.runtime();
    if (!runtime.probe().ok()) {
      err().println("cpt: note: this process does not train with the torch engine (" + runtime.probe().error()
          + "); a 'cpt worker --queues torch' must");
      return null;
    }
    return runtime;
  }

  /** How many nodes came from the cache, and how many another run on the store computed while this one waited. */
  static String provenance(SweepResult outcome) {
    long fromOthers = outcome.results().values().stream()
        .filter(result -> result.cached() && !outcome.cachedNodes().contains(result.nodeId())).count();
    return outcome.cachedNodes().size() + " of " + outcome.results().size() + " nodes from the cache"
        + (fromOthers == 0 ? "" : ", " + fromOthers + " computed meanwhile by another run on this store");
  }

  private void writeOutcome(SweepResult outcome) {
    try {
      Files.writeString(outcomeFile, ResultsTable.render(outcome, "json"));
    } catch (IOException e) {
      throw new UserError("--outcome: cannot write " + outcomeFile + ": " + e.getMessage());
    }
  }
}
