package dev.cptflow.workflows.api;

/**
 * Knobs of a run that are not part of the experiment (they never enter a cache key): how quickly a dead
 * worker is noticed, how retries back off, and how wide scoring fans out.
 *
 * @param heartbeatTimeoutSeconds an attempt that has not heartbeated for this long is retried elsewhere
 * @param retryInitialIntervalMillis first retry delay; doubles up to ten minutes
 * @param maxAttempts attempts per activity before the node fails (transient errors only)
 * @param shardsPerBatch shards per child workflow, which keeps every history short
 * @param maxActivitiesInFlight upper bound on concurrently scheduled score activities of one sweep
 * @param verifyCache check the content hash of every cached artifact before using it, not only the cheap ones
 */
public record RunTuning(
    int heartbeatTimeoutSeconds,
    long retryInitialIntervalMillis,
    int maxAttempts,
    int shardsPerBatch,
    int maxActivitiesInFlight,
    boolean verifyCache) {

  /** A real server allows 2,000 pending activities per workflow; we stay far below it. */
  public static final int MAX_IN_FLIGHT_LIMIT = 500;

  public RunTuning {
    if (heartbeatTimeoutSeconds < 1) {
      throw new IllegalArgumentException("heartbeatTimeoutSeconds must be >= 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (shardsPerBatch < 1 || maxActivitiesInFlight < 1 || maxActivitiesInFlight > MAX_IN_FLIGHT_LIMIT) {
      throw new IllegalArgumentException(
          "need 1 <= shardsPerBatch and 1 <= maxActivitiesInFlight <= " + MAX_IN_FLIGHT_LIMIT);
    }
  }

  public RunTuning(int heartbeatTimeoutSeconds, long retryInitialIntervalMillis, int maxAttempts, int shardsPerBatch,
      int maxActivitiesInFlight) {
    this(heartbeatTimeoutSeconds, retryInitialIntervalMillis, maxAttempts, shardsPerBatch, maxActivitiesInFlight, false);
  }

  public static RunTuning defaults() {
    return new RunTuning(120, 10_000, 20, 100, MAX_IN_FLIGHT_LIMIT);
  }

  public RunTuning withVerifyCache(boolean verifyCache) {
    return new RunTuning(heartbeatTimeoutSeconds, retryInitialIntervalMillis, maxAttempts, shardsPerBatch,
        maxActivitiesInFlight, verifyCache);
  }

  /** Child workflows that may run at once so that their activities stay within the in-flight bound. */
  public int maxConcurrentBatches() {
    return Math.max(1, maxActivitiesInFlight / Math.min(shardsPerBatch, maxActivitiesInFlight));
  }

  /** Shards one batch child runs at once. */
  public int shardsInFlightPerBatch() {
    return Math.min(shardsPerBatch, maxActivitiesInFlight);
  }
}
