package dev.cptflow.cli.commands;

import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.cli.ShutdownSignal;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.cli.options.TorchOptions;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.TaskQueues;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {
      "Serve activity queues (cpu, gpu) against a Temporal server until stopped.",
      "SIGTERM or Ctrl-C lets running activities finish for up to 10 s; anything interrupted resumes from",
      "its last heartbeat on another worker.",
      "Queues: cpu (ingest, POS scoring, select, pack, report), gpu (embeddings, perplexity, train, eval),",
      "torch (training with engine: torch; the worker checks at start that --python can run it).",
      "'workflows' may be added only against a real Temporal cluster, never against 'cpt server'."
    })
public class WorkerCommand extends CommandBase {
  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions storeOptions;
  @Mixin TorchOptions torch;

  @Option(names = "--queues", split = ",", defaultValue = "cpu,gpu", showDefaultValue = Visibility.ALWAYS,
      paramLabel = "QUEUE", description = "Queues to serve: cpu, gpu, torch, workflows.")
  List<String> queueNames;

  @Option(names = "--gpu-slots", defaultValue = "1", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Concurrent gpu activities: one per GPU on this host.")
  int gpuSlots;

  @Option(names = "--cpu-slots", paramLabel = "N", description = "Concurrent cpu activities (default: the number of cores).")
  Integer cpuSlots;

  @Option(names = "--heartbeat-send-interval", paramLabel = "MILLIS",
      description = "Send an activity's latest heartbeat (its progress) to the server at most this often (default: the"
          + " SDK's, 0.8 of the heartbeat timeout). Lower shows fresher progress, for a request each time.")
  Long heartbeatSendMillis;

  @Override
  public Integer call() throws InterruptedException {
    EnumSet<TaskQueues> queues = EnumSet.noneOf(TaskQueues.class);
    for (String name : queueNames) {
      try {
        queues.add(TaskQueues.fromShortName(name));
      } catch (IllegalArgumentException e) {
        throw new UserError("--queues: " + e.getMessage());
      }
    }
    WorkerSlots slots = new WorkerSlots(cpuSlots == null ? WorkerSlots.forThisMachine().cpuSlots() : cpuSlots, gpuSlots);
    ShutdownSignal shutdown = new ShutdownSignal();
    // Checked before connecting: a worker that cannot run the torch engine must not take its jobs.
    TorchRuntime engine = queues.contains(TaskQueues.TORCH) ? torch.usableRuntime("--queues torch") : null;
    try (StoreRegistry stores = storeOptions.registry();
        TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      session.startWorkers(queues, new ProductionActivities(engine == null ? context : context.withTorch(engine)), slots,
          heartbeatSendMillis == null ? null : Duration.ofMillis(heartbeatSendMillis));
      out().println("worker serving " + queues.stream().map(TaskQueues::queueName).toList()
          + " (cpu slots " + slots.cpuSlots() + ", gpu slots " + slots.gpuSlots() + "); Ctrl-C to stop");
      if (engine != null) {
        out().println("torch engine: " + engine.probe().describe() + "; jobs start with: " + engine.launcher().template());
      }
      out().flush();
      shutdown.await();
    } finally {
      shutdown.cleanedUp();
    }
    return 0;
  }
}
