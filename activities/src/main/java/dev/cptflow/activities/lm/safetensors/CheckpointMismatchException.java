package dev.cptflow.activities.lm.safetensors;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A checkpoint whose tensors do not match what the model expects. It reports every problem at once — missing,
 * unexpected and mis-shaped tensors, one per line — so one failed run shows the whole mismatch.
 */
public class CheckpointMismatchException extends RuntimeException {
  private final transient Path checkpoint;
  private final List<String> problems;

  public CheckpointMismatchException(Path checkpoint, List<String> problems) {
    super(problems.size() + " tensor problem(s) in checkpoint " + checkpoint + ":\n"
        + problems.stream().map(p -> checkpoint + ": " + p).collect(Collectors.joining("\n")));
    this.checkpoint = checkpoint;
    this.problems = List.copyOf(problems);
  }

  public Path checkpoint() {
    return checkpoint;
  }

  /** Each problem without the checkpoint prefix, e.g. {@code missing tensor gpt_neox.embed_in.weight}. */
  public List<String> problems() {
    return problems;
  }
}
