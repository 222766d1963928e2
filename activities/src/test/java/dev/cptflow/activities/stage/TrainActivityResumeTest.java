package dev.cptflow.activities.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training activity is killed after a checkpoint (cancelled through its heartbeat, which is how a worker
 * shutdown reaches it too), then retried with its last heartbeat: it resumes from the stored checkpoint and ends
 * with the same weights and loss log, byte for byte, as a run that was never interrupted.
 */
class TrainActivityResumeTest {
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(5))
      .setHeartbeatTimeout(Duration.ofSeconds(1))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  @TempDir Path dir;

  @Test
  void aRunKilledAfterACheckpointResumesToTheSameWeights() throws Exception {
    TrainStageFixture fixture = TrainStageFixture.write(dir, 2000);
    Path store = fixture.store();

    try (StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      LocalArtifacts artifacts = new LocalArtifacts(dir.resolve("cache"));
      StageResult straight = run(stores, artifacts, request(fixture, "straight"), null, null);
      assertEquals(500, straight.output(TrainOutput.class).steps());

      NodeRequest interrupted = request(fixture, "interrupted");
      AtomicReference<TrainProgress> lastBeat = new AtomicReference<>();
      assertThrows(Exception.class, () -> run(stores, artifacts, interrupted, null, lastBeat),
          "the first attempt is cancelled after its first stored checkpoint");
      TrainProgress killedAt = lastBeat.get();
      assertNotNull(killedAt.checkpointKey());
      assertTrue(killedAt.step() < 500, "killed mid-run at step " + killedAt.step());
      assertTrue(Files.exists(store.resolve(killedAt.checkpointKey()).resolve("trainer_state.json")));

      StageResult resumed = run(stores, artifacts, interrupted, killedAt, null);
      TrainOutput first = straight.output(TrainOutput.class);
      TrainOutput second = resumed.output(TrainOutput.class);
      assertEquals(500, second.steps());
      assertEquals(killedAt.step() - killedAt.step() % 25, second.resumedFromStep(), "resumed from the stored checkpoint");
      assertArrayEquals(Files.readAllBytes(store.resolve(first.lossesKey())), Files.readAllBytes(store.resolve(second.lossesKey())),
          "the same loss log");
      assertArrayEquals(Files.readAllBytes(store.resolve(first.modelKey()).resolve(ModelFiles.WEIGHTS)),
          Files.readAllBytes(store.resolve(second.modelKey()).resolve(ModelFiles.WEIGHTS)), "the same final weights");
      assertTrue(second.seconds() > 0);
    }
  }

  /**
   * One attempt. With {@code killAfterCheckpoint} set, the activity is cancelled as soon as a heartbeat names a
   * stored checkpoint, and the last heartbeat is kept there.
   */
  private static StageResult run(StoreRegistry stores, LocalArtifacts artifacts, NodeRequest request, TrainProgress retryDetails,
      AtomicReference<TrainProgress> killAfterCheckpoint) {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(new TrainActivitiesImpl(StageContext.of(stores, artifacts)));
      if (retryDetails != null) {
        environment.setHeartbeatDetails(retryDetails);
      }
      if (killAfterCheckpoint != null) {
        environment.setActivityHeartbeatListener(TrainProgress.class, progress -> {
          killAfterCheckpoint.set(progress);
          if (progress.checkpointKey() != null) {
            environment.requestCancelActivity();
          }
        });
      }
      return environment.newActivityStub(TrainActivities.class, OPTIONS).train(request);
    } finally {
      environment.close();
    }
  }

  private static NodeRequest request(TrainStageFixture fixture, String key) {
    return fixture.request(new TrainParams(fixture.base().toString(), 3, 17, 4, 1, 0.002, 0.1, 0.01, 0.05, Schedule.COSINE, 1, 25,
        100, 1, TrainEngine.DJL), TaskQueues.GPU, key);
  }
}
