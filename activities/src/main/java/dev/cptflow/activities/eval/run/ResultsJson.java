package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.metric.MetricValue;
import dev.cptflow.activities.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code results.json} in lm-evaluation-harness's shape: {@code results.<task>.<metric>} and
 * {@code <metric>_stderr}, {@code versions}, {@code n-shot}, {@code n-samples} and the run's {@code config}, so
 * tools that read lm-eval output read ours. Each task also names its {@code protocol} ({@code generate}: FLARE's
 * generated answers, {@code loglik}: ranked choices), and its {@code configs} entry the seed of its {@code limit}
 * sample, how many prompts were cut to fit the window, and whether few-shot examples came from the test file. Held-out sets appear as {@code results.heldout_<set>} with
 * {@code loss} and {@code perplexity}. An undefined number (a stderr of one item) is written as null.
 */
public final class ResultsJson {
  public static final String FILE = "results.json";

  private ResultsJson() {}

  public static Map<String, Object> of(EvalResults results, Map<String, Object> config) {
    Map<String, Object> byTask = new TreeMap<>();
    Map<String, Object> versions = new TreeMap<>();
    Map<String, Object> shots = new TreeMap<>();
    Map<String, Object> samples = new TreeMap<>();
    Map<String, Object> configs = new TreeMap<>();
    for (TaskOutcome task : results.tasks()) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("alias", task.task());
      values.put("protocol", task.protocol());
      for (MetricValue metric : task.metrics()) {
        values.put(metric.metric(), number(metric.value()));
        values.put(metric.metric() + "_stderr", number(metric.stderr()));
      }
      byTask.put(task.task(), values);
      versions.put(task.task(), task.version());
      shots.put(task.task(), task.shots());
      samples.put(task.task(), Map.of("original", task.available(), "effective", task.items()));
      Map<String, Object> taskConfig = new LinkedHashMap<>();
      taskConfig.put("data", task.dataUri());
      taskConfig.put("format", task.format());
      taskConfig.put("num_fewshot", task.shots());
      taskConfig.put("protocol", task.protocol());
      taskConfig.put("limit_seed", task.limitSeed());
      taskConfig.put("truncated_prompts", task.truncated());
      taskConfig.put("fewshot_from_test", task.fewshotFromTest());
      configs.put(task.task(), taskConfig);
    }
    for (PerplexityOutcome set : results.perplexities()) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("alias", "heldout_" + set.set());
      values.put("loss", number(set.loss()));
      values.put("perplexity", number(set.perplexity()));
      values.put("tokens", set.tokens());
      values.put("documents", set.documents());
      values.put("empty_documents", set.skipped());
      byTask.put("heldout_" + set.set(), values);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("results", byTask);
    json.put("versions", versions);
    json.put("n-shot", shots);
    json.put("n-samples", samples);
    json.put("configs", configs);
    json.put("skipped", results.skipped());
    json.put("warnings", results.warnings());
    json.put("config", config);
    return json;
  }

  public static void write(Path file, EvalResults results, Map<String, Object> config) {
    try {
      Files.writeString(file, Json.write(of(results, config)) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
