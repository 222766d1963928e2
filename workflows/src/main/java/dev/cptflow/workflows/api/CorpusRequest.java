package dev.cptflow.workflows.api;

import dev.cptflow.workflows.plan.PlanNode;
import java.util.List;
import java.util.SortedMap;

/**
 * @param ingestNodes the sweep's ingest nodes (corpus, task text, general held-out)
 * @param scoreNodes the score nodes, one per metric
 * @param known results already known (cache hits), keyed by node id
 */
public record CorpusRequest(
    String sweepId,
    String storeUri,
    List<PlanNode> ingestNodes,
    List<PlanNode> scoreNodes,
    SortedMap<String, StageResult> known,
    RunTuning tuning) {}
