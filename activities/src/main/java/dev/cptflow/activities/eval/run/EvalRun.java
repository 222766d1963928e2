package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.task.TaskConfig;
import dev.cptflow.activities.eval.task.TaskRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a list of tasks on one model, task by task: each reads its data (from {@code data}, else its YAML's
 * default path), is evaluated and writes {@code samples_<task>.jsonl}. A task without data is skipped with the
 * reason, never scored. Tasks already finished by an earlier attempt are taken as they are.
 */
public final class EvalRun {
  private final TaskRegistry registry;
  private final TaskDataLoader loader;
  private final TaskEvaluator evaluator;

  public EvalRun(TaskRegistry registry, TaskDataLoader loader, TaskEvaluator evaluator) {
    this.registry = registry;
    this.loader = loader;
    this.evaluator = evaluator;
  }

  /**
   * @param tasks task and suite names
   * @param finished outcomes of an earlier attempt, by task; their samples files must already be in {@code out}
   * @param onFinished hears each task as it finishes, to store it before the next starts
   */
  public EvalResults run(List<String> tasks, Map<String, String> data, Path out, Map<String, TaskOutcome> finished,
      Consumer<TaskOutcome> onFinished, EvalProgress progress) {
    return run(tasks, data, Map.of(), out, finished, onFinished, progress);
  }

  /** @param fewshotData where a task's few-shot examples come from, when not from its {@code data} */
  public EvalResults run(List<String> tasks, Map<String, String> data, Map<String, String> fewshotData, Path out,
      Map<String, TaskOutcome> finished, Consumer<TaskOutcome> onFinished, EvalProgress progress) {
    List<TaskOutcome> outcomes = new ArrayList<>();
    SortedMap<String, String> skipped = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    for (String name : registry.expand(tasks)) {
      TaskConfig task = registry.task(name);
      String uri = data.getOrDefault(name, task.dataset().path());
      if (uri == null) {
        skipped.put(name, "no data configured (set evaluation.data." + name + " in the spec, or --data " + name + "=URI)");
        warnings.add(name + ": skipped, " + skipped.get(name));
        continue;
      }
      TaskOutcome outcome = finished.get(name);
      if (outcome == null) {
        outcome = evaluator.evaluate(task, loader.load(task, uri, fewshotData.get(name)), uri, samplesFile(out, name),
            progress);
        onFinished.accept(outcome);
      }
      outcomes.add(outcome);
      warnings.addAll(outcome.notes());
    }
    return new EvalResults(outcomes, List.of(), skipped, warnings);
  }

  public static Path samplesFile(Path out, String task) {
    return out.resolve("samples_" + task + ".jsonl");
  }
}
