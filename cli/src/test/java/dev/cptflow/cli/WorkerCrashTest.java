package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.Json;
import dev.cptflow.cli.chaos.CptProcesses;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash recipe of the README, as separate OS processes on loopback: {@code cpt server --no-activities} and two
 * {@code cpt worker}s. The worker holding the training activity is killed with SIGKILL after the first checkpoint
 * reaches the store; the sweep completes on the other worker, training resumes from a stored checkpoint, and the
 * model and loss log are byte-identical to an undisturbed run's.
 */
@Tag("slow")
class WorkerCrashTest {
  @TempDir Path dir;
  private CptProcesses processes;

  @BeforeEach
  void processes() {
    processes = new CptProcesses(dir);
  }

  @AfterEach
  void stopProcesses() {
    processes.close();
  }

  @Test
  void aSweepSurvivesTheKillOfTheWorkerThatIsTraining() throws Exception {
    Path spec = CrashFixture.write(dir);
    CliRunner reference = CliRunner.run("run", "--no-progress", "--store", dir.resolve("reference").toString(), spec.toString());
    assertEquals(0, reference.exitCode(), reference.out() + reference.err());

    int port = freePort();
    String target = "127.0.0.1:" + port;
    String store = dir.resolve("store").toString();
    processes.start("server", "--port", "" + port, "--no-activities", "--store", store);
    awaitPort(port);
    Process first = processes.start("worker", "--queues", "cpu,gpu", "--temporal", target, "--store", store);
    Process second = processes.start("worker", "--queues", "cpu,gpu", "--temporal", target, "--store", store);

    CliRunner submit = CliRunner.run("submit", "--temporal", target, "--store", store, "--heartbeat-timeout", "5",
        spec.toString());
    assertEquals(0, submit.exitCode(), submit.err());
    String sweepId = submit.out().strip();

    awaitFirstCheckpoint(dir.resolve("store"));
    long holder = trainingWorkerPid(target, "cpt/" + sweepId + "/variant/dacp");
    Process killed = holder == first.pid() ? first : second;
    assertEquals(holder, killed.pid(), "the training activity runs on one of our two workers");
    killed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no goodbye to the server

    CliRunner status = CliRunner.run("status", "--wait", "--temporal", target, "--store", store, sweepId);
    assertEquals(0, status.exitCode(), status.out() + status.err());
    SweepResult outcome = outcome(dir.resolve("store"), sweepId);
    StageResult train = outcome.results().get("train/dacp");
    assertTrue(train.shown("resumed_from_step", 0) > 0, "training resumed from a stored checkpoint: " + train.counters());

    String referenceId = reference.out().lines().filter(line -> line.startsWith("started sweep ")).findFirst()
        .orElseThrow().split(" ")[2];
    SweepResult undisturbed = outcome(dir.resolve("reference"), referenceId);
    StageResult referenceTrain = undisturbed.results().get("train/dacp");
    assertEquals(0.0, referenceTrain.shown("resumed_from_step", -1));
    for (String file : List.of("final/model.safetensors", "losses.jsonl", "eval.jsonl")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("reference").resolve(referenceTrain.outputPrefix()).resolve(file)),
          Files.readAllBytes(dir.resolve("store").resolve(train.outputPrefix()).resolve(file)), file);
    }
    assertEquals(undisturbed.results().get("eval/dacp/heldout").counters(), outcome.results().get("eval/dacp/heldout").counters());
    assertEquals(undisturbed.results().get("eval/dacp/finance").counters(), outcome.results().get("eval/dacp/finance").counters());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("cpt server did not open port " + port);
  }

  /** Waits until a complete checkpoint (its trainer_state.json is written last) is in the store. */
  private static void awaitFirstCheckpoint(Path store) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      Path train = store.resolve("cas/train");
      if (Files.isDirectory(train)) {
        try (Stream<Path> files = Files.walk(train)) {
          if (files.anyMatch(file -> file.getFileName().toString().equals("trainer_state.json")
              && file.toString().contains("/checkpoints/"))) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no checkpoint reached the store");
  }

  /** The process id in the identity ("pid@host") of the worker running the variant's Train activity. */
  private static long trainingWorkerPid(String target, String workflowId) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      Optional<PendingActivityInfo> training = service.blockingStub().describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
          .getPendingActivitiesList().stream()
          .filter(activity -> activity.getActivityType().getName().equals("Train"))
          .findFirst();
      assertTrue(training.isPresent(), "the training activity is pending");
      String identity = training.get().getLastWorkerIdentity();
      assertNotNull(identity);
      return Long.parseLong(identity.substring(0, identity.indexOf('@')));
    } finally {
      service.shutdownNow();
    }
  }

  private static SweepResult outcome(Path store, String sweepId) throws IOException {
    return Json.read(Files.readString(store.resolve(StoreLayout.sweepFile(sweepId, StoreLayout.OUTCOME_FILE))),
        SweepResult.class);
  }
}
