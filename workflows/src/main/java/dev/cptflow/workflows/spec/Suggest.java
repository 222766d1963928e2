package dev.cptflow.workflows.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the allowed word a user most likely meant, for "did you mean" hints. */
final class Suggest {

  private static final int MAX_EDITS = 2;

  private Suggest() {}

  /** The closest candidate within two edits, else one that starts with what was written (or vice versa). */
  static Optional<String> closest(String written, Collection<String> candidates) {
    Optional<String> near = candidates.stream()
        .filter(candidate -> distance(written, candidate) <= MAX_EDITS)
        .min(Comparator.comparingInt(candidate -> distance(written, candidate)));
    if (near.isPresent() || written.isEmpty()) {
      return near;
    }
    return candidates.stream()
        .filter(candidate -> candidate.startsWith(written) || written.startsWith(candidate))
        .findFirst();
  }

  /** {@code " (did you mean 'x'?)"}, or empty when nothing is close. */
  static String hint(String written, Collection<String> candidates) {
    return closest(written, candidates).map(best -> " (did you mean '" + best + "'?)").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
