package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workers.LoopbackTemporalServer;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workers.WorkerHost;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cpt server} hosts, on a loopback port, driven by {@code submit} and {@code status}. */
class SubmitToServerTest {
  @TempDir Path dir;

  @Test
  void submitReturnsTheSweepIdAndStatusWaitsForTheEnd() throws Exception {
    try (LoopbackTemporalServer server = LoopbackTemporalServer.start(0);
        StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkerHost workers = WorkerHost.start(WorkflowClient.newInstance(stubs), EnumSet.allOf(TaskQueues.class),
          new ProductionActivities(stores), new WorkerSlots(2, 1));
      try {
        String store = dir.resolve("store").toString();
        CliRunner submit = CliRunner.run("submit", "--temporal", server.target(), "--store", store,
            CliContractTest.quickstartWithoutInputs(dir).toString());
        assertEquals(0, submit.exitCode(), submit.err());
        String sweepId = submit.out().strip();
        assertTrue(sweepId.matches("quickstart-[0-9a-f]{8}"), sweepId);

        CliRunner status = CliRunner.run("status", "--wait", "--temporal", server.target(), "--store", store, sweepId);
        assertEquals(1, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains("failed"), status.out());
        assertTrue(status.out().contains("FAILED   missing/base-model: no such model directory"), status.out());
      } finally {
        workers.shutdown(Duration.ofSeconds(5));
        stubs.shutdownNow();
      }
    }
  }
}
