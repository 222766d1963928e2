package dev.cptflow.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cptflow.cli.chaos.ActivityRadar.Pending;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.TaskEvalParams;
import dev.cptflow.workflows.api.stage.TrainParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The work a kill made the next attempt do again: what the killed attempt had reported done in its last heartbeat,
 * less where the next attempt said it resumed. Training counts steps against {@code checkpoint_every}, scoring
 * documents against a shard, evaluation items against the task under way; a stage with no finer cursor than its node
 * (ingest, select, pack, report, held-out loss, a fit or summary) redoes that one task.
 *
 * @param text what was redone, for the table
 * @param bound the most a kill may cost there
 * @param withinBound whether the redone work is at most that; null when the next attempt's start was not seen
 */
record Redone(String text, String bound, Boolean withinBound) {

  /** @param resumed the next attempt's first heartbeat that says where it started, or null if none was seen */
  static Redone of(Pending killed, ActivityRadar.Target target, JsonNode resumed, ExperimentGraph graph) {
    JsonNode atKill = ownBeat(killed);
    return switch (killed.type()) {
      case "Train" -> train(atKill, resumed, (TrainParams) graph.node(target.nodeId()).params());
      case "ScoreShard" -> shard(atKill, resumed, shardDocs(graph));
      case "Evaluate" -> graph.node(target.nodeId()).params() instanceof TaskEvalParams ? eval(atKill, resumed) : wholeTask();
      default -> wholeTask();
    };
  }

  private static Redone wholeTask() {
    return new Redone("the node's one task again (no finer checkpoint)", "1 task", true);
  }

  private static Redone train(JsonNode atKill, JsonNode resumed, TrainParams params) {
    String bound = "≤ " + params.checkpointEvery() + " steps";
    int step = atKill == null ? -1 : atKill.path("step").asInt();
    if (resumed == null) {
      return new Redone("step " + Math.max(step, 0) + "; next attempt's start not seen", bound, null);
    }
    int from = resumed.path("resumedFromStep").asInt();
    if (step < 0) {
      return new Redone("0 steps (killed before its first step; next attempt resumed at step " + from + ")", bound, true);
    }
    int redone = Math.max(0, step - from);
    return new Redone(redone + " steps (killed at step " + step + ", resumed at " + from + ")", bound,
        redone <= params.checkpointEvery());
  }

  private static Redone shard(JsonNode atKill, JsonNode resumed, int shardDocs) {
    String bound = String.format(Locale.ROOT, "≤ %,d docs (1 shard)", shardDocs);
    long scored = atKill == null ? -1 : atKill.path("scored").asLong();
    if (resumed == null) {
      return new Redone(Math.max(scored, 0) + " docs scored; next attempt's start not seen", bound, null);
    }
    long from = resumed.path("resumedFrom").asLong();
    long redone = scored < 0 ? 0 : Math.max(0, scored - from);
    return new Redone(String.format(Locale.ROOT, "%,d docs rescored (killed at %,d, resumed after %,d stored)", redone,
        Math.max(scored, 0), from), bound, redone <= shardDocs);
  }

  private static Redone eval(JsonNode killedBeat, JsonNode resumed) {
    JsonNode atKill = killedBeat == null ? NullNode.getInstance() : killedBeat;
    String task = atKill.path("task").isTextual() ? atKill.path("task").asText() : null;
    long done = atKill.path("done").asLong();
    long total = atKill.path("total").asLong();
    List<String> finished = strings(atKill.path("finished"));
    String bound = "≤ 1 task";
    if (resumed == null) {
      return new Redone(done + " items of " + task + " done; next attempt's start not seen", bound, null);
    }
    List<String> restored = strings(resumed.path("restored"));
    List<String> lostTasks = new ArrayList<>(finished);
    lostTasks.removeAll(restored);
    long items = task != null && !restored.contains(task) ? done : 0;
    String text = (task == null ? "0 items (killed before its first task)" : items + " of " + total + " items of " + task)
        + " redone"
        + (lostTasks.isEmpty() ? "" : ", and finished tasks " + lostTasks)
        + "; " + restored.size() + " stored task" + (restored.size() == 1 ? "" : "s") + " kept";
    return new Redone(text, bound, lostTasks.isEmpty());
  }

  /** The killed attempt's own last heartbeat; one left by an earlier attempt means this one had done nothing yet. */
  private static JsonNode ownBeat(Pending killed) {
    JsonNode details = killed.details();
    return details != null && details.path("attempt").asInt() == killed.attempt() ? details : null;
  }

  private static int shardDocs(ExperimentGraph graph) {
    PlanNode corpus = graph.node(NodeIds.ingest(IngestSet.CORPUS));
    return ((IngestParams) corpus.params()).shardDocs();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
