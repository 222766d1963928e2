package dev.cptflow.cli.sweep;

/** @param attached true when the same sweep was already running and we joined it instead of starting it */
public record SubmittedSweep(String sweepId, String workflowId, boolean attached) {}
