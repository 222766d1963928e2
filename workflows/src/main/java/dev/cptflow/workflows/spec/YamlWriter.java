package dev.cptflow.workflows.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a tree of maps, lists and scalars as block YAML, marking each value whose path is in a given set with
 * {@code # default}. Lists of scalars are written inline so the mark sits on the key's own line. The output
 * depends only on the tree, so the same spec always explains the same way.
 */
final class YamlWriter {

  private static final String DEFAULT_MARK = "  # default";
  /** Text that needs no quotes: no YAML indicator first, no space, and not read back as a number, bool or null. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:@+*-]*");
  private static final Resolver RESOLVER = new Resolver();

  private final Set<String> defaultedPaths;
  private final StringBuilder out = new StringBuilder();

  private YamlWriter(Set<String> defaultedPaths) {
    this.defaultedPaths = defaultedPaths;
  }

  static String write(Map<String, ?> root, Set<String> defaultedPaths) {
    YamlWriter writer = new YamlWriter(defaultedPaths);
    writer.mapping(root, "", "", "", false);
    return writer.out.toString();
  }

  /**
   * Writes the entries of {@code map}; the first line of the block starts after {@code firstIndent} (a list
   * item's {@code "- "}) and the rest after {@code indent}. Under a defaulted parent every value is a default.
   */
  private void mapping(Map<String, ?> map, String path, String firstIndent, String indent, boolean defaulted) {
    String lineIndent = firstIndent;
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      boolean childDefaulted = defaulted || defaultedPaths.contains(childPath);
      entry(entry.getKey(), entry.getValue(), childPath, lineIndent, indent, childDefaulted);
      lineIndent = indent;
    }
  }

  private void entry(String key, Object value, String path, String lineIndent, String indent, boolean defaulted) {
    out.append(lineIndent).append(key).append(':');
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      endLine(defaulted);
      mapping(cast(map), path, indent + "  ", indent + "  ", defaulted);
    } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
      endLine(defaulted);
      for (int i = 0; i < list.size(); i++) {
        out.append(indent).append("  - ");
        String itemPath = path + "[" + i + "]";
        boolean itemDefaulted = defaulted || defaultedPaths.contains(itemPath);
        mapping(cast((Map<?, ?>) list.get(i)), itemPath, "", indent + "    ", itemDefaulted);
      }
    } else {
      out.append(' ').append(inline(value));
      endLine(defaulted);
    }
  }

  private void endLine(boolean defaulted) {
    out.append(defaulted ? DEFAULT_MARK : "").append('\n');
  }

  private static String inline(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(YamlWriter::inline).reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
    }
    if (value instanceof Map<?, ?>) {
      return "{}";
    }
    if (value instanceof String text) {
      return scalar(text);
    }
    return String.valueOf(value);
  }

  private static String scalar(String text) {
    boolean plain = PLAIN.matcher(text).matches()
        && !text.endsWith(":")
        && RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR);
    return plain ? text : quoted(text);
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
