package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDataException;
import dev.cptflow.activities.eval.data.EvalDoc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in document preprocessing steps a task YAML can name in {@code process_docs}. They are Java, not
 * code in the YAML, so a task file cannot run anything.
 */
final class DocProcessors {
  private DocProcessors() {}

  static List<EvalDoc> apply(String name, List<EvalDoc> docs) {
    if (name == null) {
      return docs;
    }
    if (!name.equals("hellaswag")) {
      throw new IllegalArgumentException("unknown process_docs step '" + name + "'");
    }
    return docs.stream().map(DocProcessors::hellaswag).toList();
  }

  /**
   * lm-evaluation-harness {@code hellaswag/utils.py process_docs}: the query is the activity label and the two
   * context halves, the second capitalised the Python way, with WikiHow's bracketed markup removed.
   */
  private static EvalDoc hellaswag(EvalDoc doc) {
    Map<String, Object> fields = doc.fields();
    String ctx = fields.containsKey("ctx_a")
        ? text(doc, "ctx_a") + " " + capitalize(text(doc, "ctx_b"))
        : text(doc, "ctx");
    if (!(fields.get("endings") instanceof List<?> endings)) {
      throw new EvalDataException(doc.origin() + ": field 'endings': missing or not a list");
    }
    Map<String, Object> processed = new LinkedHashMap<>(fields);
    processed.put("query", preprocess(text(doc, "activity_label") + ": " + ctx));
    processed.put("choices", endings.stream().map(ending -> preprocess(String.valueOf(ending))).toList());
    processed.put("gold", Integer.parseInt(text(doc, "label").strip()));
    return new EvalDoc(processed, doc.origin());
  }

  /** {@code preprocess} of the harness: strip, " [title]" → ". ", drop [bracketed] markup, collapse double spaces once. */
  static String preprocess(String text) {
    text = text.strip();
    text = text.replace(" [title]", ". ");
    text = text.replaceAll("\\[.*?\\]", "");
    return text.replace("  ", " ");
  }

  /** Python's {@code str.capitalize}: the first character upper-cased, the rest lower-cased. */
  static String capitalize(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
        + text.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  private static String text(EvalDoc doc, String field) {
    Object value = doc.fields().get(field);
    if (value == null) {
      throw new EvalDataException(doc.origin() + ": field '" + field + "': missing");
    }
    return String.valueOf(value);
  }
}
