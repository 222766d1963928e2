package dev.cptflow.workflows.spec;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A valid spec, where it came from, and the field paths that took a default rather than a written value. */
public record LoadedSpec(SweepSpec spec, String sourceName, SortedSet<String> defaultedPaths) {

  public LoadedSpec {
    defaultedPaths = Collections.unmodifiableSortedSet(new TreeSet<>(defaultedPaths));
  }
}
