package dev.cptflow.workflows.api;

public enum NodeState {
  PENDING,
  RUNNING,
  DONE,
  CACHED,
  FAILED,
  /** Not attempted because something upstream failed. */
  NOT_RUN;

  public boolean finished() {
    return this != PENDING && this != RUNNING;
  }
}
