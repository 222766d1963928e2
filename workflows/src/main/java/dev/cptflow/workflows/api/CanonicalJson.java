package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.SpecEnum;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON with one spelling per value: keys sorted, no spaces, spec enums as their spec keys, records as objects of
 * their components in snake_case with null components left out (an absent value and a null one are the same
 * param). Cache keys hash this text, so any change to how a value is written changes every key; change it only with
 * the stage versions.
 */
public final class CanonicalJson {

  private final StringBuilder out = new StringBuilder();
  /** Null for the compact form; otherwise the indent of one level. */
  private final String indentUnit;

  private CanonicalJson(String indentUnit) {
    this.indentUnit = indentUnit;
  }

  public static String write(Object value) {
    CanonicalJson json = new CanonicalJson(null);
    json.value(value, "");
    return json.out.toString();
  }

  /** The same content, indented for people to read. */
  public static String pretty(Object value) {
    CanonicalJson json = new CanonicalJson("  ");
    json.value(value, "");
    return json.out.append('\n').toString();
  }

  /** The canonical text of a scalar: what a parameter holds and what JSON writes unquoted. */
  public static String scalar(Object value) {
    if (value instanceof SpecEnum choice) {
      return choice.key();
    }
    if (value instanceof Double || value instanceof Float) {
      return decimal(((Number) value).doubleValue());
    }
    return String.valueOf(value);
  }

  /**
   * The shortest decimal that reads back as the same double, found with exact BigDecimal arithmetic.
   * {@code Double.toString} is not used because its output changed in JDK 19 for some values, and a
   * cache key must not depend on the JDK a worker runs.
   */
  public static String decimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    java.math.BigDecimal exact = new java.math.BigDecimal(value);
    for (int digits = 1; digits <= 17; digits++) {
      java.math.BigDecimal rounded = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return rounded.stripTrailingZeros().toString();
      }
    }
    return exact.toString();
  }

  private void value(Object value, String indent) {
    if (value instanceof Record record) {
      object(components(record), indent);
    } else if (value instanceof Map<?, ?> map) {
      object(map, indent);
    } else if (value instanceof List<?> list) {
      array(list, indent);
    } else if (value instanceof Double || value instanceof Float) {
      out.append(decimal(((Number) value).doubleValue()));
    } else if (value == null || value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(scalar(value));
    }
  }

  /** A record's components by their snake_case names, nulls left out, as the canonical form writes them. */
  public static Map<String, Object> components(Record record) {
    Map<String, Object> fields = new TreeMap<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(record);
        if (value != null) {
          fields.put(snakeCase(component.getName()), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + component.getName(), e);
      }
    }
    return fields;
  }

  /** {@code shardDocs} is {@code shard_docs}, as the spec spells it. */
  static String snakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  private void object(Map<?, ?> map, String indent) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((key, entry) -> sorted.put(scalar(key), entry));
    out.append('{');
    String inner = indent + (indentUnit == null ? "" : indentUnit);
    boolean first = true;
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      separator(first, inner);
      first = false;
      string(entry.getKey());
      out.append(indentUnit == null ? ":" : ": ");
      value(entry.getValue(), inner);
    }
    close(sorted.isEmpty(), indent, '}');
  }

  private void array(List<?> list, String indent) {
    out.append('[');
    String inner = indent + (indentUnit == null ? "" : indentUnit);
    for (int i = 0; i < list.size(); i++) {
      separator(i == 0, inner);
      value(list.get(i), inner);
    }
    close(list.isEmpty(), indent, ']');
  }

  private void separator(boolean first, String indent) {
    if (!first) {
      out.append(',');
    }
    if (indentUnit != null) {
      out.append('\n').append(indent);
    }
  }

  private void close(boolean empty, String indent, char bracket) {
    if (indentUnit != null && !empty) {
      out.append('\n').append(indent);
    }
    out.append(bracket);
  }

  private void string(String text) {
    out.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
