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
import dev.cptflow.workers.codec.PayloadEncryption;
import dev.cptflow.workers.codec.PayloadKeys;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --payload-keys-file}: submit and status encrypt and decrypt; the server only ever holds ciphertext. */
class EncryptedSweepTest {
  @TempDir Path dir;

  @Test
  void aSweepWithPayloadKeysLeavesOnlyCiphertextOnTheServer() throws Exception {
    Path keys = Files.writeString(dir.resolve("payload-keys.txt"),
        "# rotate by adding a key first\nk2026 " + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    String store = dir.resolve("store-with-a-findable-name").toString();
    try (LoopbackTemporalServer server = LoopbackTemporalServer.start(0);
        StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkflowClient encrypting = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
          .setDataConverter(PayloadEncryption.dataConverter(PayloadKeys.fromFile(keys))).build());
      WorkerHost workers = WorkerHost.start(encrypting, EnumSet.allOf(TaskQueues.class), new ProductionActivities(stores),
          new WorkerSlots(2, 1));
      try {
        String[] withKeys = {"--temporal", server.target(), "--store", store, "--payload-keys-file", keys.toString()};
        CliRunner submit = CliRunner.run(CliRunner.args(new String[] {"submit"}, withKeys,
            new String[] {CliContractTest.quickstartWithoutInputs(dir).toString()}));
        assertEquals(0, submit.exitCode(), submit.err());
        String sweepId = submit.out().strip();
        CliRunner status = CliRunner.run(CliRunner.args(new String[] {"status", "--wait"}, withKeys, new String[] {sweepId}));
        assertEquals(1, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains("FAILED   missing/base-model: no such model directory"), status.out());

        String history = new String(WorkflowClient.newInstance(stubs).fetchHistory(WorkflowIds.sweep(sweepId)).getHistory()
            .toByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(history.contains("store-with-a-findable-name"), "the store path travels encrypted");
        assertFalse(history.contains("no such model directory"), "failure messages travel encrypted");
        assertTrue(history.contains("binary/encrypted") && history.contains("k2026"), "payloads name their key id");

        CliRunner withoutKeys = CliRunner.run("status", "--temporal", server.target(), "--store", store, sweepId);
        assertEquals(1, withoutKeys.exitCode(), withoutKeys.out());
        assertEquals(1, withoutKeys.errLines(), withoutKeys.err());
        assertTrue(withoutKeys.err().contains("encrypted payloads: run with the sweep's --payload-keys-file or --payload-keys-env"),
            withoutKeys.err());
      } finally {
        workers.shutdown(Duration.ofSeconds(5));
        stubs.shutdownNow();
      }
    }
  }

}
