package dev.cptflow.workflows.plan;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds a node's parameters: scalars in their canonical spelling, lists and maps as canonical JSON. */
final class Params {

  private final SortedMap<String, String> values = new TreeMap<>();

  /** A null value is left out: the parameter does not apply, which must not read as the text "null". */
  Params put(String key, Object value) {
    if (value == null) {
      return this;
    }
    boolean nested = value instanceof Collection<?> || value instanceof Map<?, ?>;
    values.put(key, nested ? CanonicalJson.write(value) : CanonicalJson.scalar(value));
    return this;
  }

  SortedMap<String, String> build() {
    return values;
  }
}
