package dev.cptflow.workflows.api.stage;

import java.util.List;

/**
 * One variant's selection. {@link SelectionKind#ALL} takes every document of {@code source}; the ranked kinds read the
 * score tables of {@code metrics} over the corpus and fill a budget: {@code budget} (a share of the corpus's tokens) or
 * {@code budgetDocs} (a count), exactly one of them, after dropping documents under {@code minTokens}.
 */
public record SelectParams(SelectionKind kind, IngestSet source, Sampling sampling, List<RankedMetric> metrics,
    Double budget, Long budgetDocs, Integer minTokens, long seed) implements StageParams {
  public SelectParams {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    if (kind == SelectionKind.ALL) {
      if (!metrics.isEmpty() || sampling != null || budget != null || budgetDocs != null) {
        throw new IllegalArgumentException("a selection of everything takes no metrics, sampling or budget");
      }
    } else {
      if (source != IngestSet.CORPUS) {
        throw new IllegalArgumentException("a ranked selection draws from the corpus, not " + source.key());
      }
      if (metrics.isEmpty() || (kind == SelectionKind.ONE_METRIC && metrics.size() != 1)) {
        throw new IllegalArgumentException(kind.key() + " needs " + (kind == SelectionKind.ONE_METRIC ? "one metric" : "metrics")
            + ", got " + metrics.size());
      }
      if ((budget == null) == (budgetDocs == null)) {
        throw new IllegalArgumentException("give budget or budget_docs, exactly one");
      }
      if (sampling == null || minTokens == null) {
        throw new IllegalArgumentException("a ranked selection needs sampling and min_tokens");
      }
    }
  }

  public boolean everything() {
    return kind == SelectionKind.ALL;
  }
}
