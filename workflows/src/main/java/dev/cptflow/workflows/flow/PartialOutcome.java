package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a workflow's share of the graph ended: the nodes it finished (their results stay valid and cached) and, for each
 * node it did not finish, why, in the order the failures happened. A failed child workflow leaves this in its
 * failure's details.
 */
public record PartialOutcome(SortedMap<String, StageResult> finished, LinkedHashMap<String, NodeFailure> unfinished) {
  public PartialOutcome {
    finished = new TreeMap<>(finished);
    unfinished = new LinkedHashMap<>(unfinished);
  }

  public static PartialOutcome of(Map<String, StageResult> finished, Map<String, NodeFailure> unfinished) {
    return new PartialOutcome(new TreeMap<>(finished), new LinkedHashMap<>(unfinished));
  }

  public boolean succeeded() {
    return unfinished.isEmpty();
  }

  /** {@code "train/x: message"} for each node that failed itself (not the ones it kept from running). */
  public List<String> failureLines() {
    List<String> lines = new ArrayList<>();
    unfinished.forEach((nodeId, why) -> {
      if (!why.notRun()) {
        lines.add(nodeId + ": " + why.detail());
      }
    });
    return lines;
  }

  public List<String> notRun() {
    return unfinished.entrySet().stream().filter(entry -> entry.getValue().notRun()).map(Map.Entry::getKey).toList();
  }

  /** One line summing up the failures, root causes first, for a workflow's failure message. */
  public String summary() {
    List<String> failures = failureLines();
    int notRun = notRun().size();
    return failures.size() + (failures.size() == 1 ? " node" : " nodes") + " failed (" + String.join("; ", failures) + ")"
        + (notRun == 0 ? "" : ", " + notRun + " not run");
  }
}
