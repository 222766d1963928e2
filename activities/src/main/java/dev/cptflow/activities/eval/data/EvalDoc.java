package dev.cptflow.activities.eval.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One evaluation document: field → value, values as Jackson gives them for JSON (String,
 * Integer/Long/Double, Boolean, List, Map, null). {@code origin} is {@code "<file uri>:<line or row>"}
 * for error messages.
 */
public record EvalDoc(Map<String, Object> fields, String origin) {
  public EvalDoc {
    // A copy, so a reader reusing its map cannot change a document later; insertion order kept
    // because documents get dumped and diffed, and JSON values may be null (Map.copyOf refuses both).
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    Objects.requireNonNull(origin, "origin");
  }
}
