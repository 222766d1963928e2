package dev.cptflow.activities.eval.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The evaluation data formats, by the key a task YAML names them with. */
public enum EvalFormat {
  FPB("fpb", Set.of(), (file, uri, options) -> FpbReader.read(file, uri)),
  FIQA_SA("fiqa_sa", Set.of(), (file, uri, options) -> FiqaSaReader.read(file, uri)),
  HEADLINES("headlines", Set.of("text_column", "label_types"), HeadlinesReader::read),
  CONLL_NER("conll_ner", Set.of("entity_types", "with_entities_only"), ConllNerReader::read),
  ROWS("rows", Set.of(), (file, uri, options) -> RowsReader.read(file, uri));

  private interface Reader {
    List<EvalDoc> read(Path file, String uri, Map<String, Object> options);
  }

  private final String key;
  private final Set<String> optionNames;
  private final Reader reader;

  EvalFormat(String key, Set<String> optionNames, Reader reader) {
    this.key = key;
    this.optionNames = optionNames;
    this.reader = reader;
  }

  /** The YAML key: "fpb", "fiqa_sa", "headlines", "conll_ner", "rows". */
  public String key() {
    return key;
  }

  public static EvalFormat fromKey(String key) {
    for (EvalFormat format : values()) {
      if (format.key.equals(key)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown evaluation data format '" + key + "' (known: "
        + Arrays.stream(values()).map(EvalFormat::key).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * Parses one local file, in file order. {@code uri} is the name used in origins and errors;
   * {@code options} are this format's settings from the task YAML (empty when none).
   *
   * @throws EvalDataException when the data is bad
   * @throws IllegalArgumentException when an option is unknown or malformed
   */
  public List<EvalDoc> read(Path file, String uri, Map<String, Object> options) {
    // A misspelt option would otherwise fall back to its default without a word.
    for (String name : options.keySet()) {
      if (!optionNames.contains(name)) {
        throw new IllegalArgumentException("evaluation data format '" + key + "' has no option '" + name + "'"
            + (optionNames.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", new TreeSet<>(optionNames)) + ")"));
      }
    }
    return reader.read(file, uri, options);
  }
}
