package dev.cptflow.activities.eval.task;

import dev.cptflow.activities.eval.data.EvalFormat;
import java.util.List;
import java.util.Map;

/**
 * One declarative evaluation task, as its YAML file defines it (see {@code tasks/*.yaml} in the jar).
 *
 * @param source where it was read from, for messages and the results' config
 * @param prompts the prompts for the dataset's own format
 * @param promptsByFormat prompts that replace those when the data comes in another format (FLARE rows)
 * @param processDocs a named, built-in document preprocessing step (HellaSwag's), or null
 * @param processResults a named, built-in per-item scoring (TruthfulQA's {@code mc2}), or null
 * @param choiceMatch how a generated answer becomes a choice ({@code generate_choice})
 * @param missingChoice the choice an answer that names none counts as (FLARE's Headlines: "No"), or null: "missing"
 */
public record TaskConfig(
    String name,
    int version,
    String source,
    DatasetSpec dataset,
    OutputType outputType,
    DocPrompts prompts,
    Map<EvalFormat, DocPrompts> promptsByFormat,
    String processDocs,
    String processResults,
    int numFewshot,
    FewshotSampler fewshotSampler,
    String fewshotGroup,
    String targetDelimiter,
    String fewshotDelimiter,
    List<String> until,
    int maxGenToks,
    ChoiceMatch choiceMatch,
    String missingChoice,
    List<MetricSpec> metrics) {

  public TaskConfig {
    promptsByFormat = Map.copyOf(promptsByFormat);
    until = List.copyOf(until);
    metrics = List.copyOf(metrics);
  }

  /** The prompts to use for documents read in {@code format}. */
  public DocPrompts prompts(EvalFormat format) {
    DocPrompts override = promptsByFormat.get(format);
    return override == null ? prompts : prompts.overriddenBy(override);
  }

  /** Whether few-shot examples can be drawn at all: a task without a few-shot split always runs zero-shot. */
  public boolean takesFewshot() {
    return dataset.fewshotSplit() != null;
  }
}
