package dev.cptflow.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cptflow.activities.store.ArtifactNotFoundException;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.stage.TrainOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The chaos run's store against the undisturbed run's, read back from both: every node finished, every artifact the
 * undisturbed run left is there, and the bytes are the same. What the issue asks to be identical is checked by name
 * (every selection, every variant's final weights, the sweep's {@code results.json} with wall times left out); every
 * other artifact must be byte-identical too, except those that also measure the run: a node's {@code result.json}
 * (its counters: seconds, the step training resumed from) must point at the same outputs, {@code cost.json} (wall
 * time, memory) must count the same tokens, and the report's tables ({@code results.json}, {@code results.csv},
 * {@code report.md}, {@code report.html}) must agree once their wall times are left out.
 */
final class OutputComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SELECTION = "selection.parquet";
  private static final String WEIGHTS = TrainOutput.FINAL + "/model.safetensors";
  private static final String RESULTS = "results.json";
  private static final Pattern WALL_TIME = Pattern.compile("\\d+\\.\\d (s|min|h) \\(");

  /** What was found for one node. */
  private record NodeCheck(boolean completed, List<String> lost, List<String> different, List<String> measuredDiffering,
      int identicalArtifacts) {
    boolean identical() {
      return completed && lost.isEmpty() && different.isEmpty();
    }
  }

  private final Map<String, NodeCheck> nodes;
  private final boolean sweepResultsIdentical;
  private final int selections;
  private final int weights;

  private OutputComparison(Map<String, NodeCheck> nodes, boolean sweepResultsIdentical, int selections, int weights) {
    this.nodes = nodes;
    this.sweepResultsIdentical = sweepResultsIdentical;
    this.selections = selections;
    this.weights = weights;
  }

  static OutputComparison of(ArtifactStore reference, ArtifactStore chaos, ExperimentGraph graph, String referenceSweep,
      String chaosSweep) {
    Map<String, NodeCheck> nodes = new LinkedHashMap<>();
    for (PlanNode node : graph.nodes()) {
      nodes.put(node.id(), check(reference, chaos, StoreLayout.prefix(node)));
    }
    boolean results = sameJson(reference.readBytes(StoreLayout.sweepFile(referenceSweep, RESULTS)),
        readOrNull(chaos, StoreLayout.sweepFile(chaosSweep, RESULTS)));
    return new OutputComparison(nodes, results, graph.ofStage(Stage.SELECT).size(), graph.ofStage(Stage.TRAIN).size());
  }

  private static NodeCheck check(ArtifactStore reference, ArtifactStore chaos, String prefix) {
    boolean completed = chaos.isComplete(prefix);
    Map<String, Long> theirs = new TreeMap<>();
    chaos.listObjects(prefix).forEach(object -> theirs.put(relative(prefix, object.key()), object.size()));
    List<String> lost = new ArrayList<>();
    List<String> different = new ArrayList<>();
    List<String> measured = new ArrayList<>();
    int identical = 0;
    for (ArtifactStore.StoredObject object : reference.listObjects(prefix)) {
      String name = relative(prefix, object.key());
      if (name.startsWith("_") || name.equals("manifest.json")) {
        continue; // bookkeeping, not results
      }
      if (!theirs.containsKey(name)) {
        lost.add(name);
        continue;
      }
      String key = prefix + "/" + name;
      if (theirs.get(name) == object.size() && reference.sha256(key).equals(chaos.sha256(key))) {
        identical++;
      } else if (isMeasurement(name) && sameMeaning(name, reference.readBytes(key), chaos.readBytes(key))) {
        measured.add(name);
      } else {
        different.add(name);
      }
    }
    return new NodeCheck(completed, lost, different, measured, identical);
  }

  private static boolean isMeasurement(String name) {
    return Set.of(StoreLayout.RESULT_FILE, TrainOutput.COST, RESULTS, "results.csv", "report.md", "report.html").contains(name);
  }

  /** The same outputs, tokens and results; the timings of the two runs may differ. */
  private static boolean sameMeaning(String name, byte[] reference, byte[] chaos) {
    return switch (name) {
      case StoreLayout.RESULT_FILE -> withoutWallTimes(tree(reference).path("output"))
          .equals(withoutWallTimes(tree(chaos).path("output")));
      case TrainOutput.COST -> tree(reference).path("tokens").equals(tree(chaos).path("tokens"));
      case RESULTS -> sameJson(reference, chaos);
      default -> withoutWallTimes(reference, name).equals(withoutWallTimes(chaos, name));
    };
  }

  /**
   * A report table with its wall-time cells blanked: "39.5 s (PyTorch 2.7.1 on cpu)", "4.1 min (…)" in the report, the
   * {@code wall_seconds} column of the CSV.
   */
  private static String withoutWallTimes(byte[] table, String name) {
    String text = new String(table, StandardCharsets.UTF_8);
    if (!name.endsWith(".csv")) {
      return WALL_TIME.matcher(text).replaceAll("– (");
    }
    List<String> lines = text.lines().toList();
    int column = lines.isEmpty() ? -1 : List.of(lines.get(0).split(",", -1)).indexOf("wall_seconds");
    StringBuilder kept = new StringBuilder();
    for (String line : lines) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      if (column >= 0 && column < cells.size()) {
        cells.remove(column);
      }
      kept.append(String.join(",", cells)).append('\n');
    }
    return kept.toString();
  }

  /** Whether the node finished; for store bookkeeping, which has no node of its own, whether every node did. */
  boolean completed(String nodeId) {
    NodeCheck check = nodes.get(nodeId);
    return check == null ? nodes.values().stream().allMatch(NodeCheck::completed) : check.completed();
  }

  /** The node's artifacts are all there and the same (a bookkeeping activity's "node" is the whole sweep). */
  boolean identical(String nodeId) {
    NodeCheck check = nodes.get(nodeId);
    return check == null ? identical() : check.identical();
  }

  boolean identical() {
    return sweepResultsIdentical && nodes.values().stream().allMatch(NodeCheck::identical);
  }

  List<String> summary() {
    List<String> lines = new ArrayList<>();
    boolean named = nodes.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith("select/") || entry.getKey().startsWith("train/"))
        .allMatch(entry -> entry.getValue().identical());
    lines.add("outputs: " + selections + " selections (" + SELECTION + "), " + weights + " variants' final weights ("
        + WEIGHTS + ") " + (named ? "identical" : "NOT identical") + "; the sweep's " + RESULTS + " (wall times aside) "
        + (sweepResultsIdentical ? "identical" : "DIFFERS"));
    int identical = nodes.values().stream().mapToInt(NodeCheck::identicalArtifacts).sum();
    Map<String, Integer> measured = new TreeMap<>();
    nodes.values().forEach(check -> check.measuredDiffering().forEach(name -> measured.merge(name, 1, Integer::sum)));
    long completed = nodes.values().stream().filter(NodeCheck::completed).count();
    lines.add("artifacts: " + completed + " of " + nodes.size() + " nodes complete; " + identical + " artifacts byte-identical"
        + (measured.isEmpty() ? "" : "; measurements that differ as they may: " + measured)
        + "; " + count(NodeCheck::lost) + " lost, " + count(NodeCheck::different) + " different");
    nodes.forEach((node, check) -> {
      check.lost().forEach(name -> lines.add("LOST       " + node + ": " + name));
      check.different().forEach(name -> lines.add("DIFFERENT  " + node + ": " + name));
      if (!check.completed()) {
        lines.add("UNFINISHED " + node);
      }
    });
    return lines;
  }

  private long count(java.util.function.Function<NodeCheck, List<String>> which) {
    return nodes.values().stream().mapToLong(check -> which.apply(check).size()).sum();
  }

  /** The two {@code results.json} without their wall times. */
  private static boolean sameJson(byte[] reference, byte[] chaos) {
    return chaos != null && withoutWallTimes(tree(reference)).equals(withoutWallTimes(tree(chaos)));
  }

  private static JsonNode withoutWallTimes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Set<String> timing = new TreeSet<>();
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        // Wall time, and where training resumed (a training output says both): how the run went, not what it made.
        if (name.contains("seconds") || name.startsWith("resumed")) {
          timing.add(name);
        }
      }
      object.remove(timing);
      object.forEach(OutputComparison::withoutWallTimes);
    } else if (node.isArray()) {
      node.forEach(OutputComparison::withoutWallTimes);
    }
    return node;
  }

  private static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] readOrNull(ArtifactStore store, String key) {
    try {
      return store.readBytes(key);
    } catch (ArtifactNotFoundException missing) {
      return null;
    }
  }

  private static String relative(String prefix, String key) {
    return key.substring(prefix.length() + 1);
  }
}
