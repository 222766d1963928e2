package dev.cptflow.workflows.api;

import java.util.List;

/** Asks the store which of these nodes already finished, in this sweep or any earlier one. */
public record CacheProbe(String storeUri, List<PlanNode> nodes) {}
