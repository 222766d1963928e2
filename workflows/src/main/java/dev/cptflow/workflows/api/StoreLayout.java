package dev.cptflow.workflows.api;

/**
 * Where everything lives in the artifact store (docs/architecture.md, "Store layout"): content-addressed node outputs under
 * {@code cas/<stage>/<key>/}, and each sweep's own files under {@code sweeps/<sweep id>/}.
 */
public final class StoreLayout {
  /** Written beside a node's outputs before {@code _SUCCESS}, so a cache hit returns the original result. */
  public static final String RESULT_FILE = "result.json";
  /** The sweep's index entry: id, name, workflow id, submission time. {@code cpt list} reads these. */
  public static final String SWEEP_FILE = "sweep.json";
  public static final String SPEC_FILE = "spec.yaml";
  public static final String GRAPH_FILE = "graph.json";
  /** How the sweep ended; written by the workflow itself. */
  public static final String OUTCOME_FILE = "outcome.json";
  public static final String SWEEPS = "sweeps";

  private StoreLayout() {}

  public static String prefix(PlanNode node) {
    return "cas/" + node.stage().key() + "/" + node.cacheKey();
  }

  public static String sweepPrefix(String sweepId) {
    return SWEEPS + "/" + sweepId;
  }

  public static String sweepFile(String sweepId, String fileName) {
    return sweepPrefix(sweepId) + "/" + fileName;
  }
}
