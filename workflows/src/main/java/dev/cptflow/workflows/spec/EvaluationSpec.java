package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.EvalSuite;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every model (the base and each variant) is evaluated on: whole suites, extra single tasks, and where a
 * task's data lives when it is not the default ({@code data}: task name to URI, {@code fewshotData}: task name to
 * the URI of its few-shot examples when they come from elsewhere).
 *
 * @param protocol how generate_choice tasks run ({@code generate} or {@code loglik}); null: each task's own
 * @param protocols the same per task ({@code evaluation.data.<task>.protocol})
 * @param bootstrapIters resamples per bootstrap stderr
 * @param fitShots drop whole few-shot examples, the last first, until a prompt fits the model's window
 */
public record EvaluationSpec(
    List<EvalSuite> suites, List<String> tasks, int shots, int limit, SortedMap<String, String> data,
    SortedMap<String, String> fewshotData, String protocol, SortedMap<String, String> protocols, int bootstrapIters,
    boolean fitShots) {

  public EvaluationSpec {
    suites = List.copyOf(suites);
    tasks = List.copyOf(tasks);
    data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
    fewshotData = Collections.unmodifiableSortedMap(new TreeMap<>(fewshotData));
    protocols = Collections.unmodifiableSortedMap(new TreeMap<>(protocols));
  }
}
