package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.SpecEnum;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one YAML value into a typed Java value, or reports why it cannot. Every method returns null after
 * reporting, so the caller keeps going and more errors are found in one pass.
 */
final class ScalarReader {

  private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");
  /** A message echoes at most this much of a value, so junk in a spec cannot make an error line of megabytes. */
  private static final int ECHOED_CHARS = 80;
  private static final Set<String> BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  private final SpecContext ctx;

  ScalarReader(SpecContext ctx) {
    this.ctx = ctx;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** Any non-empty scalar; numbers and booleans are taken as the text written, so {@code name: 2024} works. */
  String text(Node node, String path) {
    if (!(node instanceof ScalarNode scalar)) {
      ctx.error(node, path, "must be a string, got " + describe(node));
      return null;
    }
    if (scalar.getValue().isBlank()) {
      ctx.error(node, path, "must not be empty");
      return null;
    }
    return scalar.getValue();
  }

  Long integer(Node node, String path, Range range) {
    if (!(node instanceof ScalarNode scalar)
        || !scalar.getTag().equals(Tag.INT)
        || !DECIMAL_INTEGER.matcher(scalar.getValue()).matches()) {
      ctx.error(node, path, "must be an integer, got " + describe(node));
      return null;
    }
    long value;
    try {
      value = Long.parseLong(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException tooLarge) {
      ctx.error(node, path, "must fit in 64 bits, got " + echo(scalar.getValue()));
      return null;
    }
    return inRange(node, path, value, range) ? value : null;
  }

  /** Integers are numbers too: {@code lr: 1} is as good as {@code lr: 1.0}. */
  Double number(Node node, String path, Range range) {
    if (!(node instanceof ScalarNode scalar)
        || !(scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
      ctx.error(node, path, "must be a number, got " + describe(node));
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException notDecimal) {
      ctx.error(node, path, "must be a decimal number, got " + describe(node));
      return null;
    }
    if (!Double.isFinite(value)) {
      ctx.error(node, path, "must be a finite number, got " + echo(scalar.getValue()));
      return null;
    }
    return inRange(node, path, value, range) ? value : null;
  }

  /** Only true and false: YAML 1.1's yes/no/on/off are too easy to write by accident. */
  Boolean bool(Node node, String path) {
    if (!(node instanceof ScalarNode scalar)
        || !scalar.getTag().equals(Tag.BOOL)
        || !BOOLEANS.contains(scalar.getValue())) {
      ctx.error(node, path, "must be true or false, got " + describe(node));
      return null;
    }
    return Boolean.parseBoolean(scalar.getValue());
  }

  <E extends Enum<E> & SpecEnum> E choice(Node node, String path, E[] values) {
    String written = oneOf(node, path, Arrays.stream(values).map(SpecEnum::key).toList());
    if (written == null) {
      return null;
    }
    return Arrays.stream(values).filter(value -> value.key().equals(written)).findFirst().orElseThrow();
  }

  /** One of {@code keys} (names known only at run time, such as the registered metrics); null when it is not. */
  String oneOf(Node node, String path, List<String> keys) {
    String written = text(node, path);
    if (written == null) {
      return null;
    }
    if (keys.contains(written)) {
      return written;
    }
    ctx.error(node, path, "must be one of " + String.join(", ", keys) + "; got " + quote(written)
        + Suggest.hint(written, keys));
    return null;
  }

  private boolean inRange(Node node, String path, double value, Range range) {
    if (range.contains(value)) {
      return true;
    }
    ctx.error(node, path, "must be " + range.describe() + ", got " + echo(((ScalarNode) node).getValue()));
    return false;
  }

  static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      return quote(scalar.getValue());
    }
    return node instanceof MappingNode ? "a mapping" : "a list";
  }

  /** A value as an error message echoes it: quoted, cut to {@value #ECHOED_CHARS} characters. */
  static String quote(String value) {
    return "'" + echo(value) + "'";
  }

  static String echo(String value) {
    return value.length() <= ECHOED_CHARS ? value : value.substring(0, ECHOED_CHARS) + "...";
  }
}
