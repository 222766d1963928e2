package dev.cptflow.workflows.flow;

/** Deterministic ids (docs/architecture.md, "Workflows"), so a client can find every workflow of a sweep without visibility. */
public final class WorkflowIds {
  private WorkflowIds() {}

  /**
   * The spec name plus 8 hex digits of the graph's key: the same spec always maps to the same sweep,
   * and any change to the graph to another.
   */
  public static String sweepId(dev.cptflow.workflows.api.ExperimentGraph graph) {
    return graph.sweepName() + "-" + graph.graphKey().substring(0, 8);
  }

  public static String sweep(String sweepId) {
    return "cpt/" + sweepId;
  }

  /** Accepts either a sweep id or a sweep workflow id, as users paste both. */
  public static String sweepIdOf(String sweepOrWorkflowId) {
    return sweepOrWorkflowId.startsWith("cpt/") ? sweepOrWorkflowId.substring(4) : sweepOrWorkflowId;
  }

  public static String corpus(String sweepWorkflowId) {
    return sweepWorkflowId + "/corpus";
  }

  public static String scoreBatch(String corpusWorkflowId, String metric, int batchIndex) {
    return corpusWorkflowId + "/" + metric + "/batch-" + String.format("%04d", batchIndex);
  }

  public static String variant(String sweepWorkflowId, String variantId) {
    return sweepWorkflowId + "/variant/" + variantId;
  }
}
