package dev.cptflow.activities.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.activities.torch.TorchEngineForTests;
import dev.cptflow.activities.torch.TorchRuntime;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.api.stage.Schedule;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.TrainOutput;
import dev.cptflow.workflows.api.stage.TrainParams;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train stage on the torch engine: the trainer's whole process group is killed with SIGKILL after its first
 * stored checkpoint; the attempt fails with the trainer's last log lines in one line (the whole log in the store), and
 * the retry, given the last heartbeat as Temporal gives it, resumes from the stored checkpoint and ends with the same
 * weights and loss log, byte for byte on the CPU, as an undisturbed torch run.
 */
class TorchTrainActivityCrashTest {
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(5))
      .setHeartbeatTimeout(Duration.ofSeconds(2))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  @TempDir Path dir;

  @Test
  void aTrainerKilledAfterACheckpointResumesOnRetryToTheUndisturbedWeights() throws Exception {
    TorchRuntime torch = TorchEngineForTests.runtime();
    TrainStageFixture fixture = TrainStageFixture.write(dir, 1600);
    Path store = fixture.store();

    try (StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      StageContext context = StageContext.of(stores, new LocalArtifacts(dir.resolve("cache"))).withTorch(torch);
      StageResult straight = run(context, request(fixture, "straight"), null, null);
      TrainOutput first = straight.output(TrainOutput.class);
      assertEquals(400, first.steps());

      NodeRequest interrupted = request(fixture, "interrupted");
      AtomicReference<TrainProgress> lastBeat = new AtomicReference<>();
      Exception failed = assertThrows(Exception.class, () -> run(context, interrupted, null, lastBeat));
      String message = rootMessage(failed);
      assertTrue(message.contains("train/v: the torch trainer exited with status 137 (signal 9)"), message);
      assertFalse(message.contains("\n"), "one line: " + message);
      Matcher log = Pattern.compile("whole log: file:(\\S+/cas/train/interrupted/attempts/\\d+/trainer\\.log)").matcher(message);
      assertTrue(log.find(), message);
      assertTrue(Files.readString(Path.of(log.group(1))).contains("cpt-torch: starting, 400 steps"), "the trainer's own words");
      TrainProgress killedAt = lastBeat.get();
      assertNotNull(killedAt.checkpointKey());
      assertTrue(killedAt.step() < 400, "killed mid-run at step " + killedAt.step());
      assertTrue(trainerProcesses().isEmpty(), "no trainer outlives its group: " + trainerProcesses());

      StageResult resumed = run(context, interrupted, killedAt, null);
      TrainOutput second = resumed.output(TrainOutput.class);
      assertEquals(400, second.steps());
      assertTrue(second.resumedFromStep() > 0 && second.resumedFromStep() % 20 == 0, "resumed at " + second.resumedFromStep());
      assertArrayEquals(Files.readAllBytes(store.resolve(first.lossesKey())), Files.readAllBytes(store.resolve(second.lossesKey())),
          "the same loss log");
      assertArrayEquals(Files.readAllBytes(store.resolve(first.modelKey()).resolve(ModelFiles.WEIGHTS)),
          Files.readAllBytes(store.resolve(second.modelKey()).resolve(ModelFiles.WEIGHTS)), "the same final weights");
      assertFalse(Files.exists(store.resolve("cas/train/interrupted/checkpoints")), "checkpoints go once final/ is stored");

      TrainCost cost = new ObjectMapper().readValue(store.resolve(second.costKey()).toFile(), TrainCost.class);
      assertEquals("torch", cost.engine());
      assertEquals(1, cost.worldSize());
      assertEquals(400L * 4 * 16, cost.tokensTrained());
      assertTrue(cost.device().startsWith("torch, PyTorch ") && cost.device().endsWith(", 1 × cpu"), cost.device());
      assertEquals(cost.wallSeconds(), cost.deviceSeconds(), 1e-9, "one device");
      assertTrue(cost.wallSeconds() > second.seconds() - 1e-6 || cost.wallSeconds() > 0);
    }
  }

  /**
   * One attempt. With {@code killAfterCheckpoint} set, the trainer's process group gets SIGKILL as soon as a
   * heartbeat names a stored checkpoint, and the last heartbeat is kept there.
   */
  private static StageResult run(StageContext context, NodeRequest request, TrainProgress retryDetails,
      AtomicReference<TrainProgress> killAfterCheckpoint) {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(new TrainActivitiesImpl(context));
      if (retryDetails != null) {
        environment.setHeartbeatDetails(retryDetails);
      }
      if (killAfterCheckpoint != null) {
        environment.setActivityHeartbeatListener(TrainProgress.class, progress -> {
          if (progress.checkpointKey() != null && killAfterCheckpoint.get() == null) {
            killAfterCheckpoint.set(progress);
            killTrainerGroups();
          }
        });
      }
      return environment.newActivityStub(TrainActivities.class, OPTIONS).train(request);
    } finally {
      environment.close();
    }
  }

  /** SIGKILL to the process group of every trainer this JVM started, as an out-of-memory killer or an admin would. */
  private static void killTrainerGroups() {
    for (ProcessHandle trainer : trainerProcesses()) {
      try {
        String stat = Files.readString(Path.of("/proc/" + trainer.pid() + "/stat"));
        String pgid = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2];
        new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot kill trainer " + trainer.pid(), e);
      }
    }
  }

  private static List<ProcessHandle> trainerProcesses() {
    return ProcessHandle.current().descendants()
        .filter(process -> process.info().commandLine().map(line -> line.contains("train.py")).orElse(false))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return Optional.ofNullable(cause.getMessage()).orElse(cause.toString());
  }

  private static NodeRequest request(TrainStageFixture fixture, String key) {
    return fixture.request(new TrainParams(fixture.base().toString(), 3, 17, 4, 1, 0.002, 0.1, 0.01, 0.05, Schedule.COSINE, 1, 20,
        200, 1, TrainEngine.TORCH), TaskQueues.TORCH, key);
  }
}
