package dev.cptflow.activities.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.eval.data.EvalDataException;
import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.metric.MetricCalculator;
import dev.cptflow.activities.eval.metric.MetricKind;
import dev.cptflow.activities.eval.metric.MetricValue;
import dev.cptflow.activities.eval.metric.ScoredItem;
import dev.cptflow.activities.eval.run.LanguageModel.TextPair;
import dev.cptflow.activities.eval.task.DocPrompts;
import dev.cptflow.activities.eval.task.MetricSpec;
import dev.cptflow.activities.eval.task.OutputType;
import dev.cptflow.activities.eval.task.TaskConfig;
import dev.cptflow.activities.eval.template.TemplateException;
import dev.cptflow.activities.lm.LogLikelihood;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates one task on one model: renders every item's prompt, asks the model once per distinct request, scores
 * each item the lm-evaluation-harness way, writes the per-item samples and computes the metrics with their
 * bootstrap stderrs.
 */
public final class TaskEvaluator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LanguageModel model;
  private final EvalSettings settings;

  public TaskEvaluator(LanguageModel model, EvalSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  /** @param samples where the per-item JSONL goes */
  public TaskOutcome evaluate(TaskConfig task, TaskData data, String dataUri, Path samples, EvalProgress progress) {
    List<String> notes = new ArrayList<>(data.notes());
    int shots = shots(task, notes);
    List<Instance> instances = instances(task, data, shots);
    List<ItemResult> results = task.outputType() == OutputType.MULTIPLE_CHOICE
        ? multipleChoice(task, instances, progress)
        : generation(task, instances, progress);
    writeSamples(samples, task, instances, results);
    MetricCalculator calculator = new MetricCalculator(settings.bootstrapIterations(),
        settings.seed() ^ task.name().hashCode());
    List<MetricValue> metrics = new ArrayList<>();
    for (MetricSpec metric : task.metrics()) {
      List<ScoredItem> items = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        String group = metric.groupBy() == null ? null : Objects.toString(instances.get(i).doc().fields().get(metric.groupBy()));
        items.add(results.get(i).scored(group));
      }
      metrics.add(calculator.compute(MetricKind.fromKey(metric.metric()), metric.groupBy() != null, items));
    }
    int actualShots = instances.stream().mapToInt(instance -> instance.examples().size()).min().orElse(shots);
    if (actualShots < shots) {
      notes.add(task.name() + ": some items got only " + actualShots + " of " + shots
          + " few-shot examples (the few-shot split is that small)");
    }
    return new TaskOutcome(task.name(), task.version(), shots, instances.size(), data.test().size(),
        data.format().key(), dataUri, metrics, notes);
  }

  private int shots(TaskConfig task, List<String> notes) {
    if (!task.takesFewshot()) {
      if (settings.shots() != null && settings.shots() > 0) {
        notes.add(task.name() + ": has no few-shot split and runs zero-shot (asked for " + settings.shots() + ")");
      }
      return 0;
    }
    return settings.shots() != null ? settings.shots() : task.numFewshot();
  }

  private List<Instance> instances(TaskConfig task, TaskData data, int shots) {
    DocPrompts prompts = task.prompts(data.format());
    PromptBuilder builder = new PromptBuilder(task, prompts);
    FewshotPicker picker = new FewshotPicker(task, data, settings.seed());
    int count = settings.limit() > 0 ? Math.min(settings.limit(), data.test().size()) : data.test().size();
    List<Instance> instances = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      EvalDoc doc = data.test().get(i);
      try {
        List<Integer> exampleIndices = picker.pick(i, shots);
        List<EvalDoc> examples = exampleIndices.stream().map(data.fewshot()::get).toList();
        String context = builder.context(doc, examples);
        if (task.outputType() == OutputType.MULTIPLE_CHOICE) {
          List<String> choices = prompts.choices(doc.fields());
          int gold = prompts.targetIndex(doc.fields(), choices);
          instances.add(new Instance(i, doc, context, choices, gold, choices.get(gold), exampleIndices));
        } else {
          instances.add(new Instance(i, doc, context, List.of(), -1, prompts.targetText(doc.fields()), exampleIndices));
        }
      } catch (TemplateException | IllegalArgumentException e) {
        throw new EvalDataException(doc.origin() + ": task " + task.name() + ": " + e.getMessage());
      }
    }
    return instances;
  }

  private List<ItemResult> multipleChoice(TaskConfig task, List<Instance> instances, EvalProgress progress) {
    // One request per distinct (context, continuation): repeated documents and choices are scored once.
    Map<TextPair, Integer> unique = new LinkedHashMap<>();
    for (Instance instance : instances) {
      for (String choice : instance.choices()) {
        unique.putIfAbsent(new TextPair(instance.context(), task.targetDelimiter() + choice), unique.size());
      }
    }
    List<TextPair> pairs = new ArrayList<>(unique.keySet());
    AtomicLong done = new AtomicLong();
    progress.update(task.name(), 0, pairs.size());
    List<LogLikelihood> scored = model.loglikelihood(pairs,
        count -> progress.update(task.name(), done.addAndGet(count), pairs.size()));
    List<ItemResult> results = new ArrayList<>(instances.size());
    for (Instance instance : instances) {
      double[] logLikelihoods = instance.choices().stream()
          .mapToDouble(choice -> scored.get(unique.get(new TextPair(instance.context(), task.targetDelimiter() + choice))).logProb())
          .toArray();
      results.add(ItemResult.multipleChoice(task, instance, logLikelihoods));
    }
    return results;
  }

  private List<ItemResult> generation(TaskConfig task, List<Instance> instances, EvalProgress progress) {
    Map<String, String> generated = new LinkedHashMap<>();
    List<ItemResult> results = new ArrayList<>(instances.size());
    progress.update(task.name(), 0, instances.size());
    for (Instance instance : instances) {
      String text = generated.computeIfAbsent(instance.context(),
          context -> model.generateUntil(context, task.until(), task.maxGenToks()));
      results.add(ItemResult.generated(instance, text));
      progress.update(task.name(), results.size(), instances.size());
    }
    return results;
  }

  private static void writeSamples(Path file, TaskConfig task, List<Instance> instances, List<ItemResult> results) {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < instances.size(); i++) {
        Instance instance = instances.get(i);
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("doc_id", instance.index());
        sample.put("origin", instance.doc().origin());
        sample.put("fewshot_ids", instance.examples());
        sample.put("prompt", instance.context());
        if (task.outputType() == OutputType.MULTIPLE_CHOICE) {
          sample.put("choices", instance.choices());
        }
        sample.put("gold", instance.target());
        results.get(i).describe(sample);
        out.write(JSON.writeValueAsString(sample));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
