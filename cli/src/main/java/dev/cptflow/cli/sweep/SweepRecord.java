package dev.cptflow.cli.sweep;

/**
 * The index entry {@code sweeps/<id>/sweep.json}. {@code cpt list} reads these from the store, which
 * works on the test server too (it has no visibility API).
 */
public record SweepRecord(
    String sweepId, String name, String workflowId, String submittedAt, String storeUri, int nodes, int variants) {}
