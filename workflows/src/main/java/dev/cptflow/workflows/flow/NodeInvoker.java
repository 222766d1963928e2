package dev.cptflow.workflows.flow;

import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.PlanNode;

/** Runs the activity of one single-activity node (everything but ingest-and-score, which fans out). */
final class NodeInvoker {
  private final StageStubs stubs;

  NodeInvoker(StageStubs stubs) {
    this.stubs = stubs;
  }

  StageResult invoke(NodeRequest request) {
    PlanNode node = request.node();
    String summary = node.id();
    return switch (node.stage()) {
      case INGEST -> stubs.ingest("ingest " + summary.substring("ingest/".length())).ingest(request);
      case SCORE -> stubs.summarizeScores("summarize " + summary).summarizeScores(request);
      case SELECT -> stubs.select("select " + node.variant()).select(request);
      case PACK -> stubs.pack("pack " + node.variant()).pack(request);
      case TRAIN -> stubs.train("train " + node.variant()).train(request);
      case EVAL -> stubs.evaluate("eval " + summary.substring("eval/".length())).evaluate(request);
      case REPORT -> stubs.report("report").report(request);
    };
  }
}
