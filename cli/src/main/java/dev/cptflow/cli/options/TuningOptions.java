package dev.cptflow.cli.options;

import dev.cptflow.workflows.api.RunTuning;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** Run knobs that never change results, only how failures are noticed and how wide scoring fans out. */
public class TuningOptions {
  private static final RunTuning DEFAULTS = RunTuning.defaults();

  @Option(names = "--heartbeat-timeout", paramLabel = "SECONDS", showDefaultValue = Visibility.ALWAYS,
      description = "An activity silent for this long is retried on another worker.")
  int heartbeatTimeoutSeconds = DEFAULTS.heartbeatTimeoutSeconds();

  @Option(names = "--max-attempts", paramLabel = "N", showDefaultValue = Visibility.ALWAYS,
      description = "Attempts per activity on transient failures.")
  int maxAttempts = DEFAULTS.maxAttempts();

  @Option(names = "--shards-per-batch", paramLabel = "N", showDefaultValue = Visibility.ALWAYS,
      description = "Shards per scoring child workflow.")
  int shardsPerBatch = DEFAULTS.shardsPerBatch();

  @Option(names = "--max-in-flight", paramLabel = "N", showDefaultValue = Visibility.ALWAYS,
      description = "Most scoring activities scheduled at once (at most " + RunTuning.MAX_IN_FLIGHT_LIMIT + ").")
  int maxInFlight = DEFAULTS.maxActivitiesInFlight();

  @Option(names = "--verify-cache",
      description = "Check the content hash of every cached artifact before using it (sizes are always checked, and"
          + " the hashes of artifacts up to 8 MiB).")
  boolean verifyCache;

  public RunTuning tuning() {
    return new RunTuning(heartbeatTimeoutSeconds, DEFAULTS.retryInitialIntervalMillis(), maxAttempts, shardsPerBatch, maxInFlight,
        verifyCache);
  }
}
