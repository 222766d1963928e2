package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** Queue cpt-gpu. Evaluates a model on one suite (or held-out perplexity). */
@ActivityInterface
public interface EvalActivities {
  StageResult evaluate(NodeRequest request);
}
