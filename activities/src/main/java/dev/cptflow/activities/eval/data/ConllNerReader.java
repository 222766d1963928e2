package dev.cptflow.activities.eval.data;

import static dev.cptflow.activities.eval.data.EvalDataException.field;
import static dev.cptflow.activities.eval.data.EvalDataException.quote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CoNLL-style NER (FIN-NER, Alvarado et al. 2015): one {@code token ... tag} line per token, blank
 * lines between sentences. One document per sentence, with its entities and the answer text FLARE's
 * NER task expects ("text, TYPE" per line), and its BIO tags ({@code labels}) as PIXIU's {@code data/ner/preprocess.py}
 * writes them. With the option {@code with_entities_only}, sentences without a kept entity are left out, as FLARE's
 * test set leaves them out.
 */
final class ConllNerReader {
  private static final Pattern TAG = Pattern.compile("O|[BI]-(\\S+)");

  private ConllNerReader() {}

  static List<EvalDoc> read(Path file, String uri, Map<String, Object> options) {
    Set<String> kept = entityTypes(options.get("entity_types"));
    Object onlyOption = options.getOrDefault("with_entities_only", false);
    if (!(onlyOption instanceof Boolean withEntitiesOnly)) {
      throw new IllegalArgumentException("conll_ner: option 'with_entities_only' must be true or false");
    }
    List<EvalDoc> docs = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int firstLine = 0;
    List<String> lines = TextFiles.read(file, uri).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String[] columns = lines.get(i).trim().split("\\s+");
      // A document start also ends a sentence, in case no blank line precedes it.
      if (lines.get(i).isBlank() || columns[0].equals("-DOCSTART-")) {
        if (!tokens.isEmpty()) {
          docs.add(sentence(tokens, tags, uri + ":" + firstLine));
          tokens.clear();
          tags.clear();
        }
        continue;
      }
      String origin = uri + ":" + (i + 1);
      if (columns.length < 2) {
        throw field(origin, "tag", "missing: the line has a single column");
      }
      if (tokens.isEmpty()) {
        firstLine = i + 1;
      }
      tokens.add(columns[0]);
      tags.add(tag(columns[columns.length - 1], kept, origin));
    }
    if (!tokens.isEmpty()) {
      docs.add(sentence(tokens, tags, uri + ":" + firstLine));
    }
    return withEntitiesOnly ? docs.stream().filter(doc -> !((List<?>) doc.fields().get("entities")).isEmpty()).toList() : docs;
  }

  /** Tags of types not kept become O, so that tags and entities agree. */
  private static String tag(String tag, Set<String> kept, String origin) {
    Matcher matcher = TAG.matcher(tag);
    if (!matcher.matches()) {
      throw field(origin, "tag", quote(tag) + " is not O, B-TYPE or I-TYPE");
    }
    return matcher.group(1) == null || kept == null || kept.contains(matcher.group(1)) ? tag : "O";
  }

  /**
   * An entity is a maximal run of one type, and B- always starts a new one: IO-tagged data cannot
   * separate adjacent entities of one type, while BIO data can.
   */
  private static EvalDoc sentence(List<String> tokens, List<String> tags, String origin) {
    List<Map<String, Object>> entities = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> current = new ArrayList<>();
    String currentType = null;
    for (int i = 0; i <= tokens.size(); i++) {
      String tag = i < tokens.size() ? tags.get(i) : "O";
      String type = tag.equals("O") ? null : tag.substring(2);
      if (currentType != null && (type == null || tag.startsWith("B-") || !type.equals(currentType))) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("text", String.join(" ", current));
        entity.put("type", currentType);
        entities.add(entity);
        current.clear();
      }
      if (i < tokens.size()) {
        boolean starts = type != null && (currentType == null || tag.startsWith("B-") || !type.equals(currentType));
        labels.add(type == null ? "O" : (starts ? "B-" : "I-") + type);
      }
      currentType = type;
      if (type != null) {
        current.add(tokens.get(i));
      }
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("tokens", List.copyOf(tokens));
    fields.put("tags", List.copyOf(tags));
    fields.put("labels", List.copyOf(labels));
    fields.put("text", String.join(" ", tokens));
    fields.put("entities", List.copyOf(entities));
    fields.put("answer", entities.stream().map(e -> e.get("text") + ", " + e.get("type")).collect(Collectors.joining("\n")));
    return new EvalDoc(fields, origin);
  }

  /** Absent: keep every type. */
  private static Set<String> entityTypes(Object option) {
    if (option == null) {
      return null;
    }
    if (!(option instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException("conll_ner: option 'entity_types' must be a list of strings, e.g. [PER, ORG, LOC]");
    }
    return list.stream().map(String.class::cast).collect(Collectors.toUnmodifiableSet());
  }
}
