package dev.cptflow.workflows.api;

/** The failure types stages and workflows end with; the retry policy and the CLI decide by them. */
public final class FailureTypes {
  /** Bad input: it fails the same way on every attempt, so it is never retried. */
  public static final String VALIDATION = "ValidationFailure";
  /** A workflow's nodes failed; its details carry what finished and why the rest did not. */
  public static final String NODES_FAILED = "SweepFailed";

  private FailureTypes() {}
}
