package dev.cptflow.workflows.spec;

/**
 * One problem in a spec, located by source line and field path ({@code variants[2].sampling}); {@code line} is 0
 * when no line applies, such as a file that cannot be read.
 */
public record SpecError(String source, int line, String path, String rule) {

  /** One line: {@code spec.yaml:14: selection.budget: must be in (0, 1], got 1.5}. */
  public String message() {
    String where = line > 0 ? source + ":" + line : source;
    return path.isEmpty() ? where + ": " + rule : where + ": " + path + ": " + rule;
  }

  @Override
  public String toString() {
    return message();
  }
}
