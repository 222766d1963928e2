package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.metric.MetricCatalog;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a sweep spec. YAML is only composed into a node tree, never constructed into objects, so no tag can make
 * the loader build an arbitrary type; binding the tree by hand keeps each value's line for error messages.
 */
public final class SpecLoader {

  /**
   * The longest spec read. The paper sweep is 2 KB; SnakeYAML takes seconds over a few megabytes of comment, and a
   * spec that size is a wrong file, not a sweep.
   */
  static final int MAX_CHARS = 256 * 1024;

  private SpecLoader() {}

  /** @param metrics the metrics variants may select by (the activities' registry) */
  public static LoadedSpec load(Path file, MetricCatalog metrics) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new SpecException(List.of(new SpecError(file.toString(), 0, "", "no such file")));
    } catch (IOException unreadable) {
      throw new SpecException(List.of(new SpecError(file.toString(), 0, "", "cannot read: " + unreadable)));
    }
    return parse(yaml, file.toString(), metrics);
  }

  public static LoadedSpec parse(String yaml, String sourceName, MetricCatalog metrics) {
    SpecContext ctx = new SpecContext(sourceName);
    if (yaml.length() > MAX_CHARS) {
      ctx.errorAtLine(0, "", "the spec is " + yaml.length() + " characters long; a spec may be at most " + MAX_CHARS);
      ctx.finish();
    }
    Node root = compose(yaml, ctx);
    if (root != null) {
      TagGuard.check(root, ctx);
    }
    // A document that is not plain YAML data is refused whole rather than half-read.
    ctx.finish();
    if (!(root instanceof MappingNode)) {
      ctx.error(root, "", "the spec must be a mapping of fields such as name, model and variants");
      ctx.finish();
    }
    SweepSpec spec = new SpecBinder(ctx, metrics).bind(MappingReader.of(root, "", ctx));
    ctx.finish();
    return new LoadedSpec(spec, sourceName, ctx.defaultedPaths());
  }

  private static Node compose(String yaml, SpecContext ctx) {
    try {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
      if (root == null) {
        ctx.errorAtLine(1, "", "the spec is empty");
      }
      return root;
    } catch (MarkedYAMLException syntax) {
      Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
      ctx.errorAtLine(mark == null ? 0 : mark.getLine() + 1, "", "invalid YAML: " + syntax.getProblem());
    } catch (YAMLException invalid) {
      ctx.errorAtLine(0, "", "invalid YAML: " + invalid.getMessage());
    }
    return null;
  }
}
