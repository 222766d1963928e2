package dev.cptflow.workflows.api;

/**
 * One row of a progress table.
 *
 * @param done units finished, e.g. shards
 * @param total units planned, or 0 when not known yet
 * @param unit what {@code done} counts ({@code shards}, {@code steps}, {@code node})
 * @param items documents (or tokens) processed so far, for rates such as docs/s
 * @param detail a short note: the failure message, or {@code cache hit}
 */
public record NodeProgress(
    String nodeId, NodeState state, long done, long total, String unit, long items, String detail) {}
