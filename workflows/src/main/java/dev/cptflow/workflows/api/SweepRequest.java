package dev.cptflow.workflows.api;

/**
 * The root input. The graph is planned by the client and passed whole, so a workflow replays the same
 * graph even after the planner (and so a stage version or a cache key) changes in a new release.
 */
public record SweepRequest(String sweepId, String storeUri, ExperimentGraph graph, RunTuning tuning) {}
