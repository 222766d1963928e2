package dev.cptflow.workflows.flow;

/**
 * Why one node did not finish; a failed child workflow's failure details carry one per node, so the parent can
 * mark that exact node.
 *
 * @param notRun true when an upstream failure kept it from running, false when it failed itself
 * @param detail the stage's message, or which upstream node failed
 */
public record NodeFailure(boolean notRun, String detail) {
  static NodeFailure failed(String message) {
    return new NodeFailure(false, message);
  }

  static NodeFailure upstreamFailed(String upstreamId) {
    return new NodeFailure(true, upstreamId + " failed");
  }
}
