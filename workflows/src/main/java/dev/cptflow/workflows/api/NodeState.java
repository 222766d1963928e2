package dev.cptflow.workflows.api;

public enum NodeState {
  PENDING,
  /** Its activity is scheduled and waits for a worker slot (a client sees this from the pending activity). */
  QUEUED,
  RUNNING,
  DONE,
  CACHED,
  FAILED,
  /** Not attempted because something upstream failed. */
  NOT_RUN;

  public boolean finished() {
    return this != PENDING && this != QUEUED && this != RUNNING;
  }
}
