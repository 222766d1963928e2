package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report's files ({@code report.md}, {@code report.html}, {@code results.json}, {@code results.csv},
 * {@code plots/*.png}), by their names relative to the node's prefix.
 */
public record ReportOutput(String prefix, SortedMap<String, String> files, int models, int plots) implements StageOutput {
  public ReportOutput {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }
}
