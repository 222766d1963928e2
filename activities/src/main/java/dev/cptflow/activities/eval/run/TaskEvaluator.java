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
import dev.cptflow.activities.eval.task.Protocol;
import dev.cptflow.activities.eval.task.TaskConfig;
import dev.cptflow.activities.eval.template.TemplateException;
import dev.cptflow.activities.lm.LogLikelihood;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Evaluates one task on one model: draws the items ({@code limit}: a seeded sample), renders every item's prompt,
 * asks the model once per distinct request, scores each item the lm-evaluation-harness way (or FLARE's, for
 * generated answers), writes the per-item samples and computes the metrics with their standard errors.
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
    Protocol wanted = settings.protocolFor(task.name());
    OutputType runAs = Protocol.effective(task.outputType(), wanted);
    if (settings.taskProtocols().containsKey(task.name()) && wanted != Protocol.of(runAs)) {
      notes.add(task.name() + ": protocol " + wanted.key() + " does not apply to output_type " + task.outputType().key()
          + "; it runs as " + Protocol.of(runAs).key());
    }
    int shots = shots(task, notes);
    List<Integer> selected = selection(task, data.test().size());
    Prompts prompts = instances(task, data, shots, runAs, selected);
    List<Instance> instances = prompts.instances();
    List<ItemResult> results = switch (runAs) {
      case MULTIPLE_CHOICE -> multipleChoice(task, instances, progress);
      case GENERATE_CHOICE -> generation(task, instances, progress,
          (instance, text) -> ItemResult.generatedChoice(task, instance, text));
      case GENERATE_UNTIL -> {
        boolean flareNer = task.metrics().stream().anyMatch(metric -> metric.metric().equals(MetricKind.ENTITY_F1.key()));
        yield generation(task, instances, progress, (instance, text) -> ItemResult.generated(instance, text, flareNer));
      }
    };
    writeSamples(samples, runAs, instances, results, prompts.truncated());
    MetricCalculator calculator = new MetricCalculator(settings.bootstrapIterations(),
        settings.seed() ^ task.name().hashCode());
    MetricKind.Answering answering = answering(runAs);
    List<MetricValue> metrics = new ArrayList<>();
    for (MetricSpec metric : task.metrics()) {
      MetricKind kind = MetricKind.fromKey(metric.metric());
      if (!kind.appliesTo(answering)) {
        continue; // acc_norm of a generated answer, missing of a ranking: the other protocol's metrics
      }
      List<ScoredItem> items = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        String group = metric.groupBy() == null ? null : Objects.toString(instances.get(i).doc().fields().get(metric.groupBy()));
        items.add(results.get(i).scored(group));
      }
      metrics.add(calculator.compute(kind, metric.groupBy() != null, items));
    }
    int actualShots = instances.stream().mapToInt(instance -> instance.examples().size()).min().orElse(shots);
    if (actualShots < shots) {
      notes.add(task.name() + ": some items got only " + actualShots + " of " + shots + " few-shot examples ("
          + (settings.fitShots() ? "fit_shots dropped examples so that prompts fit the model's window, or " : "")
          + "the few-shot split is that small)");
    }
    int truncated = prompts.truncatedCount();
    if (truncated > 0) {
      notes.add(String.format(Locale.ROOT, "%s: %d of %d prompts (%.1f%%) are longer than the model's window"
          + " of %d tokens and were cut from the left, losing the instruction or examples%s", task.name(), truncated,
          instances.size(), 100.0 * truncated / instances.size(), model.window(),
          settings.fitShots() ? " even with fit_shots" : "; evaluation.fit_shots: true drops whole examples instead"));
    }
    boolean fewshotFromTest = data.sharedSplit() && actualShots > 0;
    if (fewshotFromTest) {
      notes.add(task.name() + ": few-shot examples come from the evaluated file itself (give {test: URI, fewshot: URI}"
          + " to draw them from a train split); an item and its duplicates are never its own examples");
    }
    return new TaskOutcome(task.name(), task.version(), shots, instances.size(), data.test().size(),
        data.format().key(), dataUri, metrics, notes, Protocol.of(runAs).key(),
        selected.size() < data.test().size() ? settings.seed() : null, truncated, fewshotFromTest);
  }

  private static MetricKind.Answering answering(OutputType runAs) {
    return switch (runAs) {
      case MULTIPLE_CHOICE -> MetricKind.Answering.LOGLIK;
      case GENERATE_CHOICE -> MetricKind.Answering.GENERATED_CHOICE;
      case GENERATE_UNTIL -> MetricKind.Answering.GENERATED_TEXT;
    };
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

  /**
   * The test items to evaluate, in file order: all of them, or with {@code limit} a seeded shuffle's first N (label-
   * sorted files such as FPB's would otherwise give one label).
   */
  private List<Integer> selection(TaskConfig task, int size) {
    List<Integer> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      all.add(i);
    }
    if (settings.limit() <= 0 || settings.limit() >= size) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(settings.seed() ^ (0xC2B2AE3D27D4EB4FL * (task.name().hashCode() + 1L)));
    for (int i = size - 1; i > 0; i--) {
      Collections.swap(all, i, random.nextInt(i + 1));
    }
    List<Integer> sample = new ArrayList<>(all.subList(0, settings.limit()));
    Collections.sort(sample);
    return sample;
  }

  /** The rendered items, and which of them were too long for the model's window. */
  private record Prompts(List<Instance> instances, boolean[] truncated) {
    int truncatedCount() {
      int count = 0;
      for (boolean cut : truncated) {
        count += cut ? 1 : 0;
      }
      return count;
    }
  }

  private Prompts instances(TaskConfig task, TaskData data, int shots, OutputType runAs, List<Integer> selected) {
    DocPrompts prompts = task.prompts(data.format());
    PromptBuilder builder = new PromptBuilder(task, prompts);
    FewshotPicker picker = new FewshotPicker(task, data, settings.seed());
    List<Instance> instances = new ArrayList<>(selected.size());
    boolean[] truncated = new boolean[selected.size()];
    for (int n = 0; n < selected.size(); n++) {
      int i = selected.get(n);
      EvalDoc doc = data.test().get(i);
      try {
        List<Integer> exampleIndices = picker.pick(i, shots);
        List<String> choices = runAs.hasChoices() ? prompts.choices(doc.fields()) : List.of();
        String context = builder.context(doc, exampleIndices.stream().map(data.fewshot()::get).toList());
        boolean tooLong = tooLong(task, runAs, context, choices);
        while (tooLong && settings.fitShots() && !exampleIndices.isEmpty()) {
          exampleIndices = exampleIndices.subList(0, exampleIndices.size() - 1);
          context = builder.context(doc, exampleIndices.stream().map(data.fewshot()::get).toList());
          tooLong = tooLong(task, runAs, context, choices);
        }
        truncated[n] = tooLong;
        if (runAs.hasChoices()) {
          int gold = prompts.targetIndex(doc.fields(), choices);
          instances.add(new Instance(i, doc, context, choices, gold, choices.get(gold), List.copyOf(exampleIndices)));
        } else {
          instances.add(new Instance(i, doc, context, List.of(), -1, prompts.targetText(doc.fields()),
              List.copyOf(exampleIndices)));
        }
      } catch (TemplateException | IllegalArgumentException e) {
        throw new EvalDataException(doc.origin() + ": task " + task.name() + ": " + e.getMessage());
      }
    }
    return new Prompts(instances, truncated);
  }

  /**
   * Whether the model would cut the request from the left: a ranked choice when prompt and continuation exceed the
   * window plus the one token that is only predicted ({@code LmScorer}), a generation when the prompt leaves fewer
   * than {@code max_gen_toks} positions ({@code Generator}).
   */
  private boolean tooLong(TaskConfig task, OutputType runAs, String context, List<String> choices) {
    int window = model.window();
    if (runAs == OutputType.MULTIPLE_CHOICE) {
      for (String choice : choices) {
        if (model.tokenCount(context + task.targetDelimiter() + choice) > window + 1) {
          return true;
        }
      }
      return false;
    }
    return model.tokenCount(context) > Math.max(1, window - task.maxGenToks());
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
    progress.update(task.name(), 0, instances.size());
    // Progress counts items, as generation does: the share of requests scored, in items.
    List<LogLikelihood> scored = model.loglikelihood(pairs,
        count -> progress.update(task.name(), done.addAndGet(count) * instances.size() / pairs.size(), instances.size()));
    List<ItemResult> results = new ArrayList<>(instances.size());
    for (Instance instance : instances) {
      double[] logLikelihoods = instance.choices().stream()
          .mapToDouble(choice -> scored.get(unique.get(new TextPair(instance.context(), task.targetDelimiter() + choice))).logProb())
          .toArray();
      results.add(ItemResult.multipleChoice(task, instance, logLikelihoods));
    }
    return results;
  }

  private List<ItemResult> generation(TaskConfig task, List<Instance> instances, EvalProgress progress,
      BiFunction<Instance, String, ItemResult> score) {
    // One generation per distinct prompt, all handed to the model at once so that it can batch them.
    Map<String, Integer> unique = new LinkedHashMap<>();
    instances.forEach(instance -> unique.putIfAbsent(instance.context(), unique.size()));
    List<String> contexts = new ArrayList<>(unique.keySet());
    AtomicLong done = new AtomicLong();
    progress.update(task.name(), 0, instances.size());
    List<String> texts = model.generateUntil(contexts, task.until(), task.maxGenToks(),
        count -> progress.update(task.name(), done.addAndGet(count) * instances.size() / contexts.size(), instances.size()));
    List<ItemResult> results = new ArrayList<>(instances.size());
    for (Instance instance : instances) {
      results.add(score.apply(instance, texts.get(unique.get(instance.context()))));
    }
    return results;
  }

  private static void writeSamples(Path file, OutputType runAs, List<Instance> instances, List<ItemResult> results,
      boolean[] truncated) {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < instances.size(); i++) {
        Instance instance = instances.get(i);
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("doc_id", instance.index());
        sample.put("origin", instance.doc().origin());
        sample.put("fewshot_ids", instance.examples());
        sample.put("prompt", instance.context());
        if (runAs.hasChoices()) {
          sample.put("choices", instance.choices());
        }
        sample.put("truncated", truncated[i]);
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
