package dev.cptflow.workflows.api.metric;

/**
 * What a sweep (or a command line) gives a metric to decide its settings with.
 *
 * @param proxyModel the small LM of perplexity-style metrics
 * @param embedder the embedding model of similarity-style metrics
 * @param maxScoreTokens the tokens of each document a metric reads at most
 * @param hasTaskText whether the sweep has task text to compare documents with
 */
public record MetricInputs(String proxyModel, String embedder, int maxScoreTokens, boolean hasTaskText) {}
