package dev.cptflow.workflows.spec;

import java.util.regex.Pattern;

/**
 * Names that become part of a node id, a workflow id or a store key (the sweep's name, task names, variant ids) are
 * checked when the spec is validated, not when a worker first builds a path from one.
 */
final class SafeNames {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

  private SafeNames() {}

  /** Why {@code name} is unsafe, or null when it is fine. */
  static String problem(String name) {
    if (!SAFE.matcher(name).matches()) {
      return "must use only letters, digits, '.', '_' and '-', got " + ScalarReader.quote(name);
    }
    if (name.contains("..")) {
      return "must not contain '..', got " + ScalarReader.quote(name);
    }
    return null;
  }
}
