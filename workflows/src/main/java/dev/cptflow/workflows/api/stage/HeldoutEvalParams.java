package dev.cptflow.workflows.api.stage;

/** Loss (NLL per token) on the whole held-out domain split and the general set, documents cut at {@code seqLen}. */
public record HeldoutEvalParams(String baseModel, int seqLen, long seed) implements EvalParams {
  public static final String SUITE = "heldout";
}
