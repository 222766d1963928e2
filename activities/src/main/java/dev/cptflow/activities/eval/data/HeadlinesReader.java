package dev.cptflow.activities.eval.data;

import static dev.cptflow.activities.eval.data.EvalDataException.quote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gold commodity news headlines (Sinha &amp; Khandait): a CSV with a headline column and nine yes/no
 * label columns. Each row becomes one document per label type, as FLARE asks one question at a time.
 */
final class HeadlinesReader {
  private record LabelType(String name, String column, String question) {}

  private HeadlinesReader() {}

  static List<EvalDoc> read(Path file, String uri, Map<String, Object> options) {
    Object textOption = options.getOrDefault("text_column", "News");
    if (!(textOption instanceof String textColumn)) {
      throw new IllegalArgumentException("headlines: option 'text_column' must be a string");
    }
    List<LabelType> labelTypes = labelTypes(options.get("label_types"));

    List<Csv.Row> rows = Csv.parse(TextFiles.read(file, uri), uri);
    if (rows.isEmpty()) {
      throw new EvalDataException(uri + ":1: no header row");
    }
    Csv.Row header = rows.get(0);
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      columns.putIfAbsent(normalise(header.fields().get(i)), i);
    }
    int textIndex = column(columns, textColumn, header, uri);
    int[] labelIndexes = labelTypes.stream().mapToInt(type -> column(columns, type.column(), header, uri)).toArray();

    List<EvalDoc> docs = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> fields = rows.get(r).fields();
      String origin = uri + ":" + rows.get(r).line();
      // A short or long row means an unquoted comma somewhere: every later column would be shifted.
      if (fields.size() != header.fields().size()) {
        throw new EvalDataException(origin + ": " + fields.size() + " fields, but the header has " + header.fields().size());
      }
      String text = fields.get(textIndex).trim();
      if (text.isEmpty()) {
        throw new EvalDataException(origin + ": column '" + header.fields().get(textIndex) + "': empty");
      }
      for (int t = 0; t < labelTypes.size(); t++) {
        LabelType type = labelTypes.get(t);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", text);
        doc.put("label_type", type.name());
        doc.put("question", type.question());
        doc.put("label", yesNo(fields.get(labelIndexes[t]), origin, header.fields().get(labelIndexes[t])));
        doc.put("row", r);
        docs.add(new EvalDoc(doc, origin));
      }
    }
    return docs;
  }

  /** Copies of the dataset spell the headers differently ("PastPrice", "Past Price", "past_price"). */
  private static String normalise(String column) {
    return column.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /** The column named {@code name}, else the one column whose name ends with it ("Price Direction Up" for "Direction Up"). */
  private static int column(Map<String, Integer> columns, String name, Csv.Row header, String uri) {
    String wanted = normalise(name);
    Integer index = columns.get(wanted);
    if (index == null) {
      List<Integer> endingWith = columns.entrySet().stream().filter(entry -> entry.getKey().endsWith(wanted))
          .map(Map.Entry::getValue).toList();
      index = endingWith.size() == 1 ? endingWith.get(0) : null;
    }
    if (index == null) {
      throw new EvalDataException(uri + ":" + header.line() + ": column '" + name + "' is not in the header (columns: "
          + String.join(", ", header.fields()) + ")");
    }
    return index;
  }

  private static String yesNo(String value, String origin, String column) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1", "yes", "true":
        return "Yes";
      case "0", "no", "false":
        return "No";
      default:
        throw new EvalDataException(origin + ": column '" + column + "': " + quote(value) + " is not 1/0, yes/no or true/false");
    }
  }

  /** A label type's column defaults to its name, which is what the original headers use. */
  private static List<LabelType> labelTypes(Object option) {
    if (!(option instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("headlines: option 'label_types' must be a non-empty list of {name, column, question}");
    }
    List<LabelType> types = new ArrayList<>();
    for (Object item : list) {
      Map<?, ?> map = item instanceof Map<?, ?> m ? m : Map.of();
      Object columnValue = map.get("column") != null ? map.get("column") : map.get("name");
      if (!(map.get("name") instanceof String name) || !(map.get("question") instanceof String question)
          || !(columnValue instanceof String column)) {
        throw new IllegalArgumentException("headlines: option 'label_types' entry " + (types.size() + 1)
            + " must be a map with string 'name' and 'question' (and optionally 'column'): " + item);
      }
      types.add(new LabelType(name, column, question));
    }
    return types;
  }
}
