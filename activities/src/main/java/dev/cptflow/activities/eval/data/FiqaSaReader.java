package dev.cptflow.activities.eval.data;

import static dev.cptflow.activities.eval.data.EvalDataException.field;
import static dev.cptflow.activities.eval.data.EvalDataException.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * FiQA-SA task 1: a JSON object of id → {sentence, info: [{target, sentiment_score, aspects, ...}]}.
 * The continuous score becomes a three-way label the way FLARE's FiQA-SA does (PIXIU {@code data/fiqasa/preprocess.py}:
 * below -0.1 negative, below 0.1 neutral, else positive). The release ships headlines and microblog posts as separate
 * files; FLARE's prompt names which ({@code category}): a post's own {@code type} field when it has one, else
 * "headline" for a file whose name says headline, else "post".
 */
final class FiqaSaReader {
  private static final double NEUTRAL_FROM = -0.1;
  private static final double POSITIVE_FROM = 0.1;
  // Stricter than Double.parseDouble, which would also take "NaN", "1d" or hexadecimal.
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private FiqaSaReader() {}

  static List<EvalDoc> read(Path file, String uri) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new EvalDataException(uri + ":" + e.getLocation().getLineNr() + ": invalid JSON: " + Json.problem(e));
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new EvalDataException(uri + ":1: not a JSON object of id → post");
    }
    List<EvalDoc> docs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> post : root.properties()) {
      String id = post.getKey();
      String origin = uri + ":" + id;
      String sentence = string(post.getValue(), "sentence", origin);
      if (sentence.isBlank()) {
        throw field(origin, "sentence", "empty");
      }
      JsonNode info = post.getValue().path("info");
      if (!info.isArray() || info.isEmpty()) {
        throw field(origin, "info", "missing, or not a non-empty list");
      }
      JsonNode first = info.get(0);
      double score = score(first.path("sentiment_score"), origin);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", id);
      fields.put("sentence", sentence);
      fields.put("text", sentence);
      fields.put("target", string(first, "target", origin));
      if (first.has("aspects")) {
        fields.put("aspects", Json.MAPPER.convertValue(first.get("aspects"), Object.class));
      }
      fields.put("score", score);
      fields.put("category", category(post.getValue(), uri, origin));
      fields.put("label", score < NEUTRAL_FROM ? "negative" : score < POSITIVE_FROM ? "neutral" : "positive");
      docs.add(new EvalDoc(fields, origin));
    }
    return docs;
  }

  private static String category(JsonNode post, String uri, String origin) {
    if (post.has("type")) {
      String type = string(post, "type", origin).strip().toLowerCase(Locale.ROOT);
      if (!type.equals("headline") && !type.equals("post")) {
        throw field(origin, "type", quote(type) + " is not headline or post");
      }
      return type;
    }
    String name = uri.substring(uri.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.contains("headline") ? "headline" : "post";
  }

  private static String string(JsonNode object, String name, String origin) {
    JsonNode value = object.path(name);
    if (!value.isTextual()) {
      throw field(origin, name, "missing or not a string");
    }
    return value.textValue();
  }

  /** The release has both JSON numbers and numeric strings. */
  private static double score(JsonNode value, String origin) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual() && DECIMAL.matcher(value.textValue().trim()).matches()) {
      return Double.parseDouble(value.textValue().trim());
    }
    throw field(origin, "sentiment_score", value.isMissingNode() ? "missing"
        : quote(value.isTextual() ? value.textValue() : value.toString()) + " is not a number");
  }
}
