package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertFalse(submit.err().contains("note"), "the test server takes the search attributes: " + submit.err());

        Path profiles = java.nio.file.Files.writeString(dir.resolve("temporal.toml"),
            "[profile.local]\naddress = \"" + server.target() + "\"\nnamespace = \"default\"\n");
        CliRunner byProfile = CliRunner.run("status", "--config-file", profiles.toString(), "--profile", "local", "--store", store, sweepId);
        assertEquals(1, byProfile.exitCode(), byProfile.out() + byProfile.err());
        assertTrue(byProfile.out().contains("FAILED   missing/base-model"), "the profile's address reached the server: " + byProfile.out());

        CliRunner list = CliRunner.run("list", "--temporal", server.target(), "--store", store);
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.err().contains("has no visibility queries (a test server); listing the store's index"), list.err());
        assertTrue(list.out().contains(sweepId) && list.out().contains("failed"), list.out());
        CliRunner byStage = CliRunner.run("list", "--stage", "variants", "--store", store);
        assertEquals(2, byStage.exitCode());
        assertTrue(byStage.err().contains("--stage filters by the CptStage search attribute, which needs a server"), byStage.err());
      } finally {
        workers.shutdown(Duration.ofSeconds(5));
        stubs.shutdownNow();
      }
    }
  }
}
