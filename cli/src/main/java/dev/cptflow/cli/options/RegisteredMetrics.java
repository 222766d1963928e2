package dev.cptflow.cli.options;

import dev.cptflow.cli.SpecFiles;
import dev.cptflow.workflows.api.metric.MetricDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The metric names and selection variants of this build, for the options that take them and their help. */
public final class RegisteredMetrics {
  private RegisteredMetrics() {}

  /** {@code --metric}'s candidates: every registered metric's key. */
  public static final class Keys implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return SpecFiles.METRICS.keys().iterator();
    }
  }

  /** {@code --variant}'s candidates: each metric's single-metric variant, then the combination. */
  public static final class Variants implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> variants = new ArrayList<>(SpecFiles.METRICS.metrics().stream().map(MetricDefinition::variant).toList());
      variants.add("ets-dacp-com");
      return variants.iterator();
    }
  }
}
