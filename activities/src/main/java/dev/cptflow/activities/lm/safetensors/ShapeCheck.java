package dev.cptflow.activities.lm.safetensors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Compares the tensors a checkpoint has with those a model expects. */
final class ShapeCheck {
  private ShapeCheck() {}

  /**
   * Every difference, grouped as missing, then unexpected, then mis-shaped, each sorted by name. Names for
   * which {@code ignoredExtra} holds may be present without being expected (they are never excused if missing).
   */
  static List<String> problems(
      Map<String, long[]> actual, Map<String, long[]> expected, Predicate<String> ignoredExtra) {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(expected.keySet())) {
      if (!actual.containsKey(name)) {
        problems.add("missing tensor " + name);
      }
    }
    for (String name : new TreeSet<>(actual.keySet())) {
      if (!expected.containsKey(name) && !ignoredExtra.test(name)) {
        problems.add("unexpected tensor " + name);
      }
    }
    for (String name : new TreeSet<>(expected.keySet())) {
      long[] got = actual.get(name);
      if (got != null && !Arrays.equals(got, expected.get(name))) {
        problems.add(name + ": expected " + Arrays.toString(expected.get(name)) + ", got " + Arrays.toString(got));
      }
    }
    return problems;
  }
}
