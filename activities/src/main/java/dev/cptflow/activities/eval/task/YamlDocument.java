package dev.cptflow.activities.eval.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file as plain values (String, Integer, Double, Boolean, List, Map) that remembers the line of every
 * field, so a bad task file is reported as {@code file:line: field 'x.y': problem}. Composed node by node rather
 * than constructed, so no YAML tag can instantiate a class.
 */
final class YamlDocument {
  private final String source;
  private final Map<String, Object> root;
  private final Map<String, Integer> lines = new HashMap<>();

  private YamlDocument(String source, String text) {
    this.source = source;
    Node node;
    try {
      node = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new TaskDefinitionException(source + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
          + e.getProblem());
    }
    if (!(node instanceof MappingNode)) {
      throw new TaskDefinitionException(source + ":1: a task file must be a YAML mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> mapping = (Map<String, Object>) value(node, "");
    this.root = mapping;
  }

  static YamlDocument parse(String source, String text) {
    return new YamlDocument(source, text);
  }

  Map<String, Object> root() {
    return root;
  }

  String source() {
    return source;
  }

  /** A one-line error about {@code field} (a dotted path), at its line. */
  TaskDefinitionException error(String field, String problem) {
    int line = lines.getOrDefault(field, lines.getOrDefault(parent(field), 1));
    return new TaskDefinitionException(source + ":" + line + ": field '" + field + "': " + problem);
  }

  private static String parent(String field) {
    int dot = field.lastIndexOf('.');
    return dot < 0 ? "" : field.substring(0, dot);
  }

  private Object value(Node node, String path) {
    lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode mapping) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new TaskDefinitionException(source + ":" + (tuple.getKeyNode().getStartMark().getLine() + 1)
              + ": keys must be plain strings");
        }
        String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        lines.put(child, key.getStartMark().getLine() + 1);
        if (values.put(key.getValue(), value(tuple.getValueNode(), child)) != null) {
          throw error(child, "duplicate key");
        }
      }
      return values;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> values = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        values.add(value(item, path));
      }
      return values;
    }
    return scalar((ScalarNode) node);
  }

  /** YAML 1.1 core scalars, as SnakeYAML resolves their tags; quoted scalars stay strings. */
  private static Object scalar(ScalarNode node) {
    String text = node.getValue();
    Tag tag = node.getTag();
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      return Boolean.valueOf(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on"));
    }
    if (Tag.INT.equals(tag)) {
      return Integer.valueOf(text.replace("_", ""));
    }
    if (Tag.FLOAT.equals(tag)) {
      return Double.valueOf(text.replace("_", ""));
    }
    return text;
  }
}
