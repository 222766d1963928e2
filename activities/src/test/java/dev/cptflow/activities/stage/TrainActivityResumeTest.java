package dev.cptflow.activities.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TrainActivities;
import dev.cptflow.workflows.plan.PlanNode;
import dev.cptflow.workflows.plan.Planner;
import dev.cptflow.workflows.plan.Stage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
    Path store = dir.resolve("store");
    Path base = dir.resolve("base");
    Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(Files.createDirectories(dir.resolve("tok")), 300);
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
      ModelFiles.save(config, GptNeoX.randomWeights(config, 5), tokenizerJson, base);
      SplittableRandom random = new SplittableRandom(9);
      List<int[]> documents = new ArrayList<>();
      for (int d = 0; d < 2000; d++) {
        int[] document = new int[16];
        for (int t = 0; t < document.length; t++) {
          document[t] = 1 + random.nextInt(tokenizer.vocabSize() - 1);
        }
        documents.add(document);
      }
      Packer.pack(documents.iterator(), 17, tokenizer.eosId(), tokenizer.sha256(), store.resolve("cas/pack/p1"));
    }
    StageResult pack = new StageResult("pack/v", "p1", "cas/pack/p1", new TreeMap<>(), new TreeMap<>(Map.of("blocks", 2000.0)), false);
    StageResult ingest = new StageResult(Planner.INGEST_CORPUS, "i1", "cas/ingest/i1", new TreeMap<>(), new TreeMap<>(Map.of("shards", 0.0)), false);

    try (StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      LocalArtifacts artifacts = new LocalArtifacts(dir.resolve("cache"));
      StageResult straight = run(stores, artifacts, request(store, base, "straight", pack, ingest), null, null);
      assertEquals(500, (int) straight.counter("steps", 0));

      NodeRequest interrupted = request(store, base, "interrupted", pack, ingest);
      AtomicReference<TrainProgress> lastBeat = new AtomicReference<>();
      assertThrows(Exception.class, () -> run(stores, artifacts, interrupted, null, lastBeat),
          "the first attempt is cancelled after its first stored checkpoint");
      TrainProgress killedAt = lastBeat.get();
      assertNotNull(killedAt.checkpointKey());
      assertTrue(killedAt.step() < 500, "killed mid-run at step " + killedAt.step());
      assertTrue(Files.exists(store.resolve(killedAt.checkpointKey()).resolve("trainer_state.json")));

      StageResult resumed = run(stores, artifacts, interrupted, killedAt, null);
      assertEquals(500, (int) resumed.counter("steps", 0));
      assertArrayEquals(Files.readAllBytes(store.resolve(straight.artifacts().get("losses"))),
          Files.readAllBytes(store.resolve(resumed.artifacts().get("losses"))), "the same loss log");
      assertArrayEquals(Files.readAllBytes(store.resolve(straight.artifacts().get("model")).resolve(ModelFiles.WEIGHTS)),
          Files.readAllBytes(store.resolve(resumed.artifacts().get("model")).resolve(ModelFiles.WEIGHTS)), "the same final weights");
      assertTrue(resumed.counter("seconds", 0) > 0);
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
      environment.registerActivitiesImplementations(new TrainActivitiesImpl(stores, artifacts));
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

  private static NodeRequest request(Path store, Path base, String key, StageResult pack, StageResult ingest) {
    TreeMap<String, String> params = new TreeMap<>(Map.ofEntries(Map.entry("base_model", base.toString()),
        Map.entry("seed", "3"), Map.entry("seq_len", "17"), Map.entry("micro_batch", "4"), Map.entry("grad_accum", "1"),
        Map.entry("lr", "0.002"), Map.entry("min_lr_ratio", "0.1"), Map.entry("weight_decay", "0.01"),
        Map.entry("warmup", "0.05"), Map.entry("schedule", "cosine"), Map.entry("epochs", "1"),
        Map.entry("checkpoint_every", "25"), Map.entry("eval_every", "100"), Map.entry("clip_norm", "1")));
    PlanNode node = new PlanNode("train/v", Stage.TRAIN, "v", params, List.of("pack/v", Planner.INGEST_CORPUS), key);
    return new NodeRequest("test", "file:" + store, node, new TreeMap<>(Map.of("pack/v", pack, Planner.INGEST_CORPUS, ingest)));
  }
}
