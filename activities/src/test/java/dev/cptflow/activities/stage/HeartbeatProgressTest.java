package dev.cptflow.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cptflow.workflows.api.UnitProgress;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Heartbeat records carry a {@link UnitProgress} a client can read without knowing the record, and resume as before. */
class HeartbeatProgressTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static <T> T roundTrip(Object beat, Class<T> type) {
    Payloads payloads = CONVERTER.toPayloads(beat).orElseThrow();
    return CONVERTER.fromPayloads(0, Optional.of(payloads), type, type);
  }

  private static UnitProgress progressAsAClientReadsIt(Object beat) throws Exception {
    JsonNode details = roundTrip(beat, JsonNode.class);
    return new com.fasterxml.jackson.databind.ObjectMapper().treeToValue(details.get("progress"), UnitProgress.class);
  }

  @Test
  void trainingProgressIsStepsAndTheCursorSurvives() throws Exception {
    TrainProgress beat = TrainProgress.start("train/dacp").on("train/dacp", false).resumed(2, 100)
        .atStep(120, 500, 3.25).withCheckpoint(125, "sweeps/x/train/dacp/checkpoints/step-125");
    assertEquals(new UnitProgress("train/dacp", UnitProgress.Scope.NODE, 125, 500, "steps", 0, "loss 3.250", false),
        progressAsAClientReadsIt(beat));
    assertEquals(beat, roundTrip(beat, TrainProgress.class), "the progress is not read back into the cursor");
  }

  @Test
  void aShardIsAPartOfItsNodeCountedInDocuments() throws Exception {
    assertEquals(new UnitProgress("score/ppl", UnitProgress.Scope.PART, 700, 0, "docs", 700, "shard 3", false),
        progressAsAClientReadsIt(ShardProgress.starting("score/ppl", 3, 1).at(700, 512)));
  }

  @Test
  void evaluationNamesItsTask() throws Exception {
    UnitProgress progress = progressAsAClientReadsIt(
        EvalProgressReport.starting("eval/dacp/finance", 1).at("fiqa_sa", 40, 235, List.of("fpb")));
    assertEquals("fiqa_sa, 1 done", progress.note());
    assertEquals(40, progress.done());
    assertEquals("items", progress.unit());
  }

  @Test
  void aHeartbeatOfAnEarlierWorkerStillResumes() {
    // Written before heartbeats carried their node and progress.
    Payloads old = CONVERTER.toPayloads(java.util.Map.of("step", 75, "totalSteps", 500,
        "checkpointKey", "sweeps/x/train/dacp/checkpoints/step-75", "loss", 3.5)).orElseThrow();
    TrainProgress resumed = CONVERTER.fromPayloads(0, Optional.of(old), TrainProgress.class, TrainProgress.class);
    assertEquals(75, resumed.step());
    assertEquals("sweeps/x/train/dacp/checkpoints/step-75", resumed.checkpointKey());
  }
}
