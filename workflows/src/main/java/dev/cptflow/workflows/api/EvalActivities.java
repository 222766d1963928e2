package dev.cptflow.workflows.api;

import io.temporal.activity.ActivityInterface;

/** {@link Stage#EVAL}: evaluates a model on one suite (or held-out perplexity). */
@ActivityInterface
public interface EvalActivities {
  StageResult evaluate(NodeRequest request);
}
