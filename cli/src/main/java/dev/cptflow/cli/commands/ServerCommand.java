package dev.cptflow.cli.commands;

import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.ShutdownSignal;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.options.PayloadKeyOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.workers.LoopbackTemporalServer;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workers.WorkerHost;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.EnumSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "server", mixinStandardHelpOptions = true,
    description = {
      "Run a local Temporal server on 127.0.0.1 with the workflow worker and cpu activities.",
      "It is the SDK's test server: state is in memory and ends with this process. Add 'cpt worker'",
      "processes for more activity capacity; they may come and go, this process must stay."
    })
public class ServerCommand extends CommandBase {
  @Option(names = "--port", defaultValue = "7233", showDefaultValue = Visibility.ALWAYS, description = "TCP port on 127.0.0.1.")
  int port;

  @Option(names = "--no-activities", description = "Serve only the workflows queue (all activities come from 'cpt worker').")
  boolean noActivities;

  @Mixin StoreOptions storeOptions;
  @Mixin PayloadKeyOptions payloadKeys;

  @Override
  public Integer call() throws InterruptedException {
    ShutdownSignal shutdown = new ShutdownSignal();
    try (LoopbackTemporalServer server = LoopbackTemporalServer.start(port);
        StoreRegistry stores = storeOptions.registry()) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      EnumSet<TaskQueues> queues = noActivities ? EnumSet.of(TaskQueues.WORKFLOWS) : EnumSet.of(TaskQueues.WORKFLOWS, TaskQueues.CPU);
      WorkerHost workers = WorkerHost.start(
          WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setDataConverter(payloadKeys.dataConverter()).build()),
          queues, new ProductionActivities(ProductionActivities.stageContext(stores, SpecFiles.METRICS)),
          WorkerSlots.forThisMachine());
      out().println("Temporal test server on " + server.target() + " (namespace default), serving "
          + queues.stream().map(TaskQueues::queueName).toList() + "; Ctrl-C to stop");
      out().flush();
      shutdown.await();
      workers.shutdown(Duration.ofSeconds(10));
      stubs.shutdownNow();
    } finally {
      shutdown.cleanedUp();
    }
    return 0;
  }
}
