package dev.cptflow.workflows.spec;

/**
 * Held-out text for loss curves: a fraction of the domain corpus, and an optional general set
 * ({@code general} is null when the spec gives none).
 */
public record HeldoutSpec(double domainFraction, GeneralSetSpec general) {}
