package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.task.DocPrompts;
import dev.cptflow.activities.eval.task.OutputType;
import dev.cptflow.activities.eval.task.TaskConfig;
import java.util.List;
import java.util.Map;

/**
 * lm-evaluation-harness's {@code fewshot_context}: the description, then each example as its text, the target
 * delimiter and its answer, the examples joined and followed by the few-shot delimiter, then the item's text.
 */
final class PromptBuilder {
  private final TaskConfig task;
  private final DocPrompts prompts;

  PromptBuilder(TaskConfig task, DocPrompts prompts) {
    this.task = task;
    this.prompts = prompts;
  }

  String context(EvalDoc item, List<EvalDoc> examples) {
    StringBuilder context = new StringBuilder(prompts.description(item.fields()));
    for (EvalDoc example : examples) {
      context.append(prompts.text(example.fields())).append(task.targetDelimiter()).append(answer(example.fields()))
          .append(task.fewshotDelimiter());
    }
    return context.append(prompts.text(item.fields())).toString();
  }

  /** An example's answer as text: its gold choice, or its target text for generation. */
  String answer(Map<String, Object> doc) {
    if (task.outputType() == OutputType.GENERATE_UNTIL) {
      return prompts.targetText(doc);
    }
    List<String> choices = prompts.choices(doc);
    return choices.get(prompts.targetIndex(doc, choices));
  }
}
