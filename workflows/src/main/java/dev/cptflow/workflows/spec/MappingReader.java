package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.SpecEnum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML mapping field by field. It records each default it applies, and every key the binder asks for
 * becomes an allowed key, so unknown keys can be reported (with a hint) once binding is done. A mapping that is
 * absent reads as empty: each field takes its default.
 */
final class MappingReader {

  private final SpecContext ctx;
  private final ScalarReader scalars;
  /** The mapping, or when it is absent the node that should have held it, to give errors a line. */
  private final Node anchor;
  private final String path;
  /** True when the mapping itself was required and is missing: that is reported once, not per field. */
  private final boolean missingReported;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> allowedKeys = new LinkedHashSet<>();

  private MappingReader(SpecContext ctx, Node anchor, String path, boolean missingReported) {
    this.ctx = ctx;
    this.scalars = new ScalarReader(ctx);
    this.anchor = anchor;
    this.path = path;
    this.missingReported = missingReported;
    ctx.register(this);
  }

  /** A reader over {@code node}, which must be a mapping; anything else is reported and reads as empty. */
  static MappingReader of(Node node, String path, SpecContext ctx) {
    if (!(node instanceof MappingNode mapping)) {
      ctx.error(node, path, "must be a mapping, got " + ScalarReader.describe(node));
      return new MappingReader(ctx, node, path, true);
    }
    MappingReader reader = new MappingReader(ctx, node, path, false);
    for (NodeTuple tuple : mapping.getValue()) {
      reader.addEntry(tuple);
    }
    return reader;
  }

  private void addEntry(NodeTuple tuple) {
    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
      ctx.error(tuple.getKeyNode(), path, "keys must be plain strings");
      return;
    }
    String key = keyNode.getValue();
    if (entries.containsKey(key)) {
      ctx.error(keyNode, childPath(key), "duplicate key");
      return;
    }
    entries.put(key, tuple);
  }

  String path() {
    return path;
  }

  /** The node to point at for problems with the mapping as a whole. */
  Node anchor() {
    return anchor;
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ScalarReader scalars() {
    return scalars;
  }

  /** The value of {@code key}, or null when it is absent or written as null. */
  Node value(String key) {
    allowedKeys.add(key);
    NodeTuple tuple = entries.get(key);
    return tuple == null || ScalarReader.isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
  }

  boolean has(String key) {
    return value(key) != null;
  }

  /** The keys present, in the order written; for mappings keyed by data (task names, metrics) not by schema. */
  Set<String> keys() {
    allowedKeys.addAll(entries.keySet());
    return entries.keySet();
  }

  /** The key node itself, to point errors about a data key at its line. */
  Node keyNode(String key) {
    return entries.get(key).getKeyNode();
  }

  /** A required string, or the default when {@code fallback} is non-null. */
  String string(String key, String fallback) {
    Node node = value(key);
    return node == null ? missing(key, fallback) : scalars.text(node, childPath(key));
  }

  String optionalString(String key) {
    Node node = value(key);
    return node == null ? null : scalars.text(node, childPath(key));
  }

  long integer(String key, long fallback, Range range) {
    Node node = value(key);
    if (node == null) {
      return missing(key, fallback);
    }
    Long value = scalars.integer(node, childPath(key), range);
    return value == null ? fallback : value;
  }

  /** An integer that must also fit in an int: counts and sizes. */
  int count(String key, int fallback, Range range) {
    Node node = value(key);
    if (node == null) {
      return missing(key, fallback);
    }
    Long value = scalars.integer(node, childPath(key), range);
    if (value != null && value > Integer.MAX_VALUE) {
      ctx.error(node, childPath(key), "must be at most " + Integer.MAX_VALUE + ", got " + value);
      return fallback;
    }
    return value == null ? fallback : value.intValue();
  }

  Long optionalInteger(String key, Range range) {
    Node node = value(key);
    return node == null ? null : scalars.integer(node, childPath(key), range);
  }

  double number(String key, double fallback, Range range) {
    Node node = value(key);
    if (node == null) {
      return missing(key, fallback);
    }
    Double value = scalars.number(node, childPath(key), range);
    return value == null ? fallback : value;
  }

  Double optionalNumber(String key, Range range) {
    Node node = value(key);
    return node == null ? null : scalars.number(node, childPath(key), range);
  }

  boolean bool(String key, boolean fallback) {
    Node node = value(key);
    if (node == null) {
      return missing(key, fallback);
    }
    Boolean value = scalars.bool(node, childPath(key));
    return value == null ? fallback : value;
  }

  /** A choice among {@code values}; null when absent and {@code fallback} is null. */
  <E extends Enum<E> & SpecEnum> E choice(String key, E[] values, E fallback) {
    Node node = value(key);
    if (node == null) {
      return fallback == null ? null : missing(key, fallback);
    }
    E value = scalars.choice(node, childPath(key), values);
    return value == null ? fallback : value;
  }

  <E extends Enum<E> & SpecEnum> E requiredChoice(String key, E[] values) {
    Node node = value(key);
    return node == null ? missing(key, null) : scalars.choice(node, childPath(key), values);
  }

  /** One of {@code keys}; null when absent and {@code fallback} is null. */
  String oneOf(String key, List<String> keys, String fallback) {
    Node node = value(key);
    if (node == null) {
      return fallback == null ? null : missing(key, fallback);
    }
    String value = scalars.oneOf(node, childPath(key), keys);
    return value == null ? fallback : value;
  }

  /** A list of {@code keys} without repeats; absent takes {@code fallback}. */
  List<String> someOf(String key, List<String> keys, List<String> fallback) {
    List<Node> items = list(key);
    if (items == null) {
      return has(key) ? fallback : missing(key, fallback);
    }
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = childPath(key) + "[" + i + "]";
      String value = scalars.oneOf(items.get(i), itemPath, keys);
      if (value != null && chosen.contains(value)) {
        ctx.error(items.get(i), itemPath, "duplicate '" + value + "'");
      } else if (value != null) {
        chosen.add(value);
      }
    }
    return chosen;
  }

  /** The items of a list; null when absent or not a list (which is reported). */
  List<Node> list(String key) {
    Node node = value(key);
    if (node == null) {
      return null;
    }
    if (!(node instanceof SequenceNode sequence)) {
      ctx.error(node, childPath(key), "must be a list, got " + ScalarReader.describe(node));
      return null;
    }
    return sequence.getValue();
  }

  /** A list of choices without repeats; absent takes {@code fallback}. */
  <E extends Enum<E> & SpecEnum> List<E> choices(String key, E[] values, List<E> fallback) {
    List<Node> items = list(key);
    if (items == null) {
      return has(key) ? fallback : missing(key, fallback);
    }
    List<E> chosen = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = childPath(key) + "[" + i + "]";
      E value = scalars.choice(items.get(i), itemPath, values);
      if (value != null && chosen.contains(value)) {
        ctx.error(items.get(i), itemPath, "duplicate '" + value.key() + "'");
      } else if (value != null) {
        chosen.add(value);
      }
    }
    return chosen;
  }

  /** The mappings of a list such as {@code corpus}; a required list must hold at least one. */
  List<MappingReader> mappings(String key, boolean required) {
    List<Node> items = list(key);
    if (items == null) {
      if (!has(key)) {
        missing(key, required ? null : List.of());
      }
      return List.of();
    }
    if (required && items.isEmpty()) {
      ctx.error(value(key), childPath(key), "must have at least one entry");
    }
    String listPath = childPath(key);
    return IntStream.range(0, items.size())
        .mapToObj(i -> MappingReader.of(items.get(i), listPath + "[" + i + "]", ctx))
        .toList();
  }

  /** A nested mapping; absent reads as empty, so its fields take their defaults. */
  MappingReader section(String key) {
    Node node = value(key);
    return node == null ? new MappingReader(ctx, anchor, childPath(key), false) : of(node, childPath(key), ctx);
  }

  MappingReader requiredSection(String key) {
    Node node = value(key);
    if (node == null) {
      missing(key, null);
      return new MappingReader(ctx, anchor, childPath(key), true);
    }
    return of(node, childPath(key), ctx);
  }

  /** Records that {@code key} took {@code fallback}; a null fallback means the key was required. */
  <T> T missing(String key, T fallback) {
    if (fallback != null) {
      ctx.defaulted(childPath(key));
    } else if (!missingReported) {
      ctx.error(anchor, childPath(key), "is required");
    }
    return fallback;
  }

  void reportUnknownKeys() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (!allowedKeys.contains(key)) {
        String hint = Suggest.closest(key, allowedKeys)
            .map(best -> "did you mean '" + best + "'?")
            .orElse("allowed keys are " + String.join(", ", allowedKeys));
        ctx.error(entry.getValue().getKeyNode(), childPath(key), "unknown key; " + hint);
      }
    }
  }
}
