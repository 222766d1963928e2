package dev.cptflow.workflows.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/** What one load collects: the errors so far, the paths that took defaults, and the mappings still to check. */
final class SpecContext {

  private final String source;
  private final List<SpecError> errors = new ArrayList<>();
  private final SortedSet<String> defaultedPaths = new TreeSet<>();
  private final List<MappingReader> readers = new ArrayList<>();

  SpecContext(String source) {
    this.source = source;
  }

  void error(Node at, String path, String rule) {
    errorAtLine(at == null ? 0 : at.getStartMark().getLine() + 1, path, rule);
  }

  void errorAtLine(int line, String path, String rule) {
    errors.add(new SpecError(source, line, path, rule));
  }

  void defaulted(String path) {
    defaultedPaths.add(path);
  }

  SortedSet<String> defaultedPaths() {
    return defaultedPaths;
  }

  void register(MappingReader reader) {
    readers.add(reader);
  }

  /**
   * Reports unknown keys (only now is every allowed key known: a key is allowed once the binder asked for it),
   * then throws if anything went wrong.
   */
  void finish() {
    readers.forEach(MappingReader::reportUnknownKeys);
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
  }
}
