package dev.cptflow.activities.eval.task;

import dev.cptflow.activities.eval.template.Template;
import java.util.List;
import java.util.Map;

/**
 * How one document becomes a prompt, its choices and its target: lm-evaluation-harness's {@code description},
 * {@code doc_to_text}, {@code doc_to_choice} and {@code doc_to_target}. Choices and target are either fixed in
 * the YAML ({@code [positive, negative, neutral]}, {@code 0}) or a template over the document.
 */
public record DocPrompts(
    Template description, Template text, Template choices, List<String> fixedChoices, Template target,
    Object fixedTarget) {

  public String description(Map<String, Object> doc) {
    return description == null ? "" : description.render(doc);
  }

  public String text(Map<String, Object> doc) {
    return text.render(doc);
  }

  /** The choices, or an empty list for a task without any (generation). */
  public List<String> choices(Map<String, Object> doc) {
    if (choices == null) {
      return fixedChoices;
    }
    Object value = choices.evaluate(doc);
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("doc_to_choice \"" + choices.source() + "\" gave " + describe(value)
          + ", not a list");
    }
    return list.stream().map(DocPrompts::text).toList();
  }

  /** The target as the template or YAML gives it: an index, or a text. */
  public Object target(Map<String, Object> doc) {
    return target == null ? fixedTarget : target.evaluate(doc);
  }

  /**
   * The target as an index into {@code choices}: an integer, digits, or one of the choices' texts (lm-eval
   * accepts all three).
   */
  public int targetIndex(Map<String, Object> doc, List<String> choices) {
    Object value = target(doc);
    int index;
    if (value instanceof Number number) {
      index = number.intValue();
    } else if (value instanceof String text && text.strip().matches("-?\\d+")) {
      index = Integer.parseInt(text.strip());
    } else {
      index = choices.indexOf(text(value));
      if (index < 0) {
        throw new IllegalArgumentException("doc_to_target gave " + describe(value) + ", which is not one of the choices "
            + choices);
      }
    }
    if (index < 0 || index >= choices.size()) {
      throw new IllegalArgumentException("doc_to_target gave index " + index + " but there are " + choices.size()
          + " choices");
    }
    return index;
  }

  /** The target as text, for generation tasks. */
  public String targetText(Map<String, Object> doc) {
    return text(target(doc));
  }

  /** This set with the entries of {@code override} that it sets. */
  DocPrompts overriddenBy(DocPrompts override) {
    return new DocPrompts(
        override.description != null ? override.description : description,
        override.text != null ? override.text : text,
        override.choices != null || override.fixedChoices != null ? override.choices : choices,
        override.choices != null || override.fixedChoices != null ? override.fixedChoices : fixedChoices,
        override.target != null || override.fixedTarget != null ? override.target : target,
        override.target != null || override.fixedTarget != null ? override.fixedTarget : fixedTarget);
  }

  private static String text(Object value) {
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && !(value instanceof Double)) {
      return Long.toString(number.longValue());
    }
    return String.valueOf(value);
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value instanceof String text ? "'" + text + "'" : value.toString();
  }
}
