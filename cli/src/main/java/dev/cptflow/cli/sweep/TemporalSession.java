package dev.cptflow.cli.sweep;

import dev.cptflow.workers.ActivitySet;
import dev.cptflow.workers.ConnectionSettings;
import dev.cptflow.workers.EmbeddedTemporal;
import dev.cptflow.workers.TemporalConnection;
import dev.cptflow.workers.WorkerHost;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A client connection for one command, with the workers it started, closed together. */
public final class TemporalSession implements AutoCloseable {
  private final EmbeddedTemporal embedded;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final List<WorkerHost> workers = new ArrayList<>();

  private TemporalSession(EmbeddedTemporal embedded, WorkflowServiceStubs stubs, String namespace, DataConverter converter) {
    this.embedded = embedded;
    this.stubs = stubs;
    this.client = WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(namespace).setDataConverter(converter).build());
  }

  public static TemporalSession embedded(DataConverter converter) {
    EmbeddedTemporal server = EmbeddedTemporal.start();
    return new TemporalSession(server, server.stubs(), ConnectionSettings.DEFAULT_NAMESPACE, converter);
  }

  public static TemporalSession connect(ConnectionSettings settings) {
    return new TemporalSession(null, TemporalConnection.connect(settings), settings.namespace(), settings.dataConverter());
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkerHost startWorkers(Set<TaskQueues> queues, ActivitySet activities, WorkerSlots slots) {
    return startWorkers(queues, activities, slots, null);
  }

  /** @param heartbeatSendInterval see {@link WorkerHost#start(WorkflowClient, Set, ActivitySet, WorkerSlots, Duration)} */
  public WorkerHost startWorkers(Set<TaskQueues> queues, ActivitySet activities, WorkerSlots slots, Duration heartbeatSendInterval) {
    WorkerHost host = WorkerHost.start(client, queues, activities, slots, heartbeatSendInterval);
    workers.add(host);
    return host;
  }

  @Override
  public void close() {
    workers.forEach(worker -> worker.shutdown(Duration.ofSeconds(10)));
    if (embedded != null) {
      embedded.close();
    } else {
      stubs.shutdown();
    }
  }
}
