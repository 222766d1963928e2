package dev.cptflow.activities.eval.task;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a classification task with generated answers ({@code output_type: generate_choice}) is run: FLARE's way
 * (greedy generation, the answer matched to a choice) or lm-evaluation-harness's log-likelihood ranking of the
 * choices. Other tasks have one way only: multiple_choice tasks always rank, generate_until tasks always generate.
 */
public enum Protocol {
  GENERATE("generate"),
  LOGLIK("loglik");

  private final String key;

  Protocol(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The output type {@code task} runs as under {@code wanted} (null: the task's own). */
  public static OutputType effective(OutputType task, Protocol wanted) {
    return task == OutputType.GENERATE_CHOICE && wanted == LOGLIK ? OutputType.MULTIPLE_CHOICE : task;
  }

  /** The protocol a task that runs as {@code type} follows, as results name it. */
  public static Protocol of(OutputType type) {
    return type == OutputType.MULTIPLE_CHOICE ? LOGLIK : GENERATE;
  }

  public static Protocol fromKey(String key) {
    for (Protocol protocol : values()) {
      if (protocol.key.equals(key)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("protocol '" + key + "' is not one of "
        + Arrays.stream(values()).map(Protocol::key).collect(Collectors.joining(", ")));
  }
}
