package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.StageResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The details a failed child workflow leaves in its failure: the nodes it finished (their results stay
 * valid and cached) and, for each node it did not finish, why.
 */
public record PartialOutcome(SortedMap<String, StageResult> finished, LinkedHashMap<String, NodeFailure> unfinished) {
  public PartialOutcome {
    finished = new TreeMap<>(finished);
    unfinished = new LinkedHashMap<>(unfinished);
  }

  public static PartialOutcome of(Map<String, StageResult> finished, Map<String, NodeFailure> unfinished) {
    return new PartialOutcome(new TreeMap<>(finished), new LinkedHashMap<>(unfinished));
  }
}
