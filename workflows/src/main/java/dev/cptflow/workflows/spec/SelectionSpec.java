package dev.cptflow.workflows.spec;

/**
 * The selection budget, as a fraction of corpus tokens ({@code budget}) or as a document count
 * ({@code budgetDocs}); exactly one of the two is non-null.
 */
public record SelectionSpec(Double budget, Long budgetDocs, int minTokens, int maxScoreTokens) {}
