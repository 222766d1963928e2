package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An evaluation's {@code results.json} (lm-evaluation-harness's shape) and {@code samples_<task>.jsonl}; for a
 * held-out node, the loss and token count per set ({@code domain}, {@code general}).
 */
public record EvalOutput(String prefix, String suite, List<String> tasks, List<String> skippedTasks,
    SortedMap<String, Double> heldoutLoss, SortedMap<String, Long> heldoutTokens) implements StageOutput {
  public static final String RESULTS = "results.json";

  public EvalOutput {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    skippedTasks = skippedTasks == null ? List.of() : List.copyOf(skippedTasks);
    heldoutLoss = Collections.unmodifiableSortedMap(new TreeMap<>(heldoutLoss == null ? Collections.emptySortedMap() : heldoutLoss));
    heldoutTokens = Collections.unmodifiableSortedMap(new TreeMap<>(heldoutTokens == null ? Collections.emptySortedMap() : heldoutTokens));
  }

  public String resultsKey() {
    return prefix + "/" + RESULTS;
  }

  public static String samplesName(String task) {
    return "samples_" + task + ".jsonl";
  }
}
