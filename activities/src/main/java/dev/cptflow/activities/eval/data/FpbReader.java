package dev.cptflow.activities.eval.data;

import static dev.cptflow.activities.eval.data.EvalDataException.field;
import static dev.cptflow.activities.eval.data.EvalDataException.quote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Financial PhraseBank: one {@code sentence@label} per line. */
final class FpbReader {
  private static final List<String> LABELS = List.of("negative", "neutral", "positive");

  private FpbReader() {}

  static List<EvalDoc> read(Path file, String uri) {
    List<EvalDoc> docs = new ArrayList<>();
    List<String> lines = TextFiles.read(file, uri).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String origin = uri + ":" + (i + 1);
      // Sentences may contain '@' themselves; labels never do.
      int at = line.lastIndexOf('@');
      if (at < 0) {
        throw field(origin, "label", "missing: no '@' before a label");
      }
      String sentence = line.substring(0, at).trim();
      String rawLabel = line.substring(at + 1).trim();
      String label = rawLabel.toLowerCase(Locale.ROOT);
      if (!LABELS.contains(label)) {
        throw field(origin, "label", quote(rawLabel) + " is not one of " + String.join(", ", LABELS));
      }
      if (sentence.isEmpty()) {
        throw field(origin, "sentence", "empty");
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("sentence", sentence);
      fields.put("text", sentence);
      fields.put("label", label);
      docs.add(new EvalDoc(fields, origin));
    }
    return docs;
  }
}
