package dev.cptflow.workflows.api;

import dev.cptflow.workflows.plan.PlanNode;
import java.util.List;
import java.util.SortedMap;

/**
 * @param nodes this variant's select, pack, train and eval nodes, in topological order
 * @param known results of shared upstream nodes and cache hits, keyed by node id
 */
public record VariantRequest(
    String sweepId,
    String storeUri,
    String variantId,
    List<PlanNode> nodes,
    SortedMap<String, StageResult> known,
    RunTuning tuning) {}
