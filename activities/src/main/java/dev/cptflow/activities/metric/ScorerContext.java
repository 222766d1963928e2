package dev.cptflow.activities.metric;

import java.nio.file.Path;
import java.util.List;

/**
 * What a metric's scorer may draw on besides its settings, wherever it runs: a score activity on a worker, or
 * {@code cpt score} on a laptop.
 */
public interface ScorerContext {
  /** A local directory for a model URI ({@code s3://…}, {@code file:…}, a path, a registered scheme). */
  Path model(String uri);

  /** The tasks' unlabeled text, for metrics that compare documents with it. */
  List<String> taskTexts();

  /** The directory a corpus fit wrote (see {@link ScoringMetric#fit}), for metrics that fit. */
  Path fitted();
}
