package dev.cptflow.workflows.api.stage;

import java.util.List;
import java.util.stream.Stream;

/**
 * The evaluation suites and their tasks: the one place that knows which task names exist (each suite is an
 * {@code eval/<model>/<suite>} node; see docs/architecture.md, 'The graph').
 */
public enum EvalSuite implements SpecEnum {
  FINANCE(List.of("fpb", "fiqasa", "headlines", "ner")),
  GENERAL(List.of("arc_easy", "arc_challenge", "hellaswag", "mmlu", "truthfulqa_mc1", "truthfulqa_mc2"));

  private final List<String> tasks;

  EvalSuite(List<String> tasks) {
    this.tasks = tasks;
  }

  public List<String> tasks() {
    return tasks;
  }

  /** Every task of every suite, suite by suite. */
  public static List<String> knownTasks() {
    return Stream.of(values()).flatMap(suite -> suite.tasks.stream()).toList();
  }
}
