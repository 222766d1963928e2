package dev.cptflow.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.eval.task.TaskRegistry;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.EvalActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.EvalOutput;
import dev.cptflow.workflows.api.stage.TaskEvalParams;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval activity fails after its first task is stored, then is retried: the retry does not evaluate that task
 * again and ends with the same results, byte for byte, as a run that was never interrupted.
 */
class EvalActivityResumeTest {
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(5))
      .setHeartbeatTimeout(Duration.ofSeconds(1))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  @TempDir Path dir;

  @Test
  void aRunStoppedAfterItsFirstTaskResumesAtTheSecond() throws Exception {
    Path store = dir.resolve("store");
    Path model = dir.resolve("model");
    Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(Files.createDirectories(dir.resolve("tok")), 300);
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
      ModelFiles.save(config, GptNeoX.randomWeights(config, 5), tokenizerJson, model);
    }
    Files.writeString(dir.resolve("fpb.txt"), "Sales rose@positive\nProfit fell@negative\nThe board met@neutral\n"
        + "Orders grew@positive\nCosts rose@negative\n");
    StringBuilder fiqa = new StringBuilder("{");
    for (int i = 0; i < 30; i++) {
      fiqa.append(i == 0 ? "" : ",").append("\"").append(i).append("\": {\"sentence\": \"Shares of company ").append(i)
          .append(" moved after the quarterly report\", \"info\": [{\"sentiment_score\": ").append((i % 7 - 3) / 10.0)
          .append(", \"target\": \"company\"}]}");
    }
    String fiqaJson = fiqa.append("}").toString();

    Files.writeString(dir.resolve("fiqa.json"), fiqaJson);
    try (StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      LocalArtifacts artifacts = new LocalArtifacts(dir.resolve("cache"));
      StageResult straight = run(stores, artifacts, request(store, model, "straight"));

      // The first attempt stores fpb, then fails on fiqasa, whose file is not there yet.
      NodeRequest interrupted = request(store, model, "interrupted");
      Files.delete(dir.resolve("fiqa.json"));
      Exception failure = assertThrows(Exception.class, () -> run(stores, artifacts, interrupted));
      assertTrue(String.valueOf(failure.getCause()).contains("fiqa.json"), failure.toString());
      Path storedFpb = store.resolve(interrupted.outputPrefix() + "/partial/fpb.json");
      // Marks the stored outcome, to see below that the retry takes it rather than evaluating fpb again.
      Files.writeString(storedFpb, Files.readString(storedFpb).replace("\"notes\":[\"", "\"notes\":[\"restored\",\""));
      Files.writeString(dir.resolve("fiqa.json"), fiqaJson);

      StageResult resumed = run(stores, artifacts, interrupted);
      EvalOutput first = straight.output(EvalOutput.class);
      EvalOutput second = resumed.output(EvalOutput.class);
      Map<?, ?> results = new ObjectMapper().readValue(store.resolve(second.resultsKey()).toFile(), Map.class);
      assertTrue(((List<?>) results.get("warnings")).contains("restored"), "fpb's outcome is the stored one: " + results);
      assertEquals(straight.counters(), resumed.counters());
      assertEquals(List.of("fpb", "fiqasa"), second.tasks());
      assertEquals(List.of("headlines"), second.skippedTasks());
      for (String task : second.tasks()) {
        String samples = EvalOutput.samplesName(task);
        assertEquals(Files.readString(store.resolve(first.prefix() + "/" + samples)),
            Files.readString(store.resolve(second.prefix() + "/" + samples)), samples);
      }
      assertFalse(Files.exists(store.resolve(interrupted.outputPrefix() + "/partial")), "partial results go once final");
      assertEquals(5.0, resumed.shown("fpb.items", 0));
      assertEquals(30.0, resumed.shown("fiqasa.items", 0));
    }
  }

  private static StageResult run(StoreRegistry stores, LocalArtifacts artifacts, NodeRequest request) {
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(new EvalActivitiesImpl(StageContext.of(stores, artifacts), TaskRegistry.builtIn()));
      return environment.newActivityStub(EvalActivities.class, OPTIONS).evaluate(request);
    } finally {
      environment.close();
    }
  }

  private NodeRequest request(Path store, Path model, String key) {
    TaskEvalParams params = new TaskEvalParams(model.toString(), "finance", List.of("fpb", "fiqasa", "headlines"), 1, 0, 3,
        new TreeMap<>(Map.of("fiqasa", dir.resolve("fiqa.json").toString(), "fpb", dir.resolve("fpb.txt").toString())));
    PlanNode node = new PlanNode("eval/base/finance", Stage.EVAL, null, params, List.of(), TaskQueues.GPU, key);
    return new NodeRequest("test", "file:" + store, node, new TreeMap<>());
  }
}
