package dev.cptflow.activities.torch;

import java.nio.file.Path;
import java.util.List;

/**
 * The trainer process ended without a model. Its message is one line with the log's last lines; the whole log is
 * at {@link #log()}.
 *
 * @param refused the trainer refused the job as given (exit status 2): running it again would not help
 */
public final class TorchTrainerFailure extends RuntimeException {
  static final int TAIL_LINES = 5;

  private final int exitStatus;
  private final boolean refused;
  private final transient Path log;

  TorchTrainerFailure(String what, int exitStatus, boolean refused, List<String> tail, Path log) {
    super(what + (tail.isEmpty() ? "" : ": " + String.join(" | ", tail)));
    this.exitStatus = exitStatus;
    this.refused = refused;
    this.log = log;
  }

  public int exitStatus() {
    return exitStatus;
  }

  public boolean refused() {
    return refused;
  }

  public Path log() {
    return log;
  }
}
