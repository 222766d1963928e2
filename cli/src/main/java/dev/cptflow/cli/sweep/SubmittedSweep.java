package dev.cptflow.cli.sweep;

/**
 * @param attached true when the same sweep was already running and we joined it instead of starting it
 * @param searchAttributesMissing why the sweep carries no Cpt* search attributes, or empty when it does
 */
public record SubmittedSweep(String sweepId, String workflowId, boolean attached, String searchAttributesMissing) {}
