package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.EvalSuite;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every model (the base and each variant) is evaluated on: whole suites, extra single tasks, and where a
 * task's data lives when it is not the default ({@code data}: task name to URI).
 */
public record EvaluationSpec(
    List<EvalSuite> suites, List<String> tasks, int shots, int limit, SortedMap<String, String> data) {

  public EvaluationSpec {
    suites = List.copyOf(suites);
    tasks = List.copyOf(tasks);
    data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
  }
}
