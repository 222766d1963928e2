package dev.cptflow.workflows.api.stage;

/**
 * One evaluation of one model: tasks of a suite ({@link TaskEvalParams}) or held-out loss ({@link HeldoutEvalParams}).
 * {@code baseModel} names the base model's URI; null means the variant's trained model, read from its train node.
 */
public sealed interface EvalParams extends StageParams permits TaskEvalParams, HeldoutEvalParams {
  String baseModel();

  long seed();
}
