package dev.cptflow.workflows.api;

import java.util.List;

/**
 * Asks the store which of these nodes already finished, in this sweep or any earlier one, and whether their artifacts
 * are still what their cache entries recorded.
 *
 * @param verifyAll check every artifact's content hash, not only the sizes of all and the hashes of the small ones
 */
public record CacheProbe(String storeUri, List<PlanNode> nodes, boolean verifyAll) {}
