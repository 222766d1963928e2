package dev.cptflow.workflows.spec;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run, with every problem found in it, ordered by line. */
public final class SpecException extends RuntimeException {

  private final List<SpecError> errors;

  public SpecException(List<SpecError> errors) {
    super(describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one error");
    }
    this.errors = sorted(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }

  private static List<SpecError> sorted(List<SpecError> errors) {
    return errors.stream().sorted(Comparator.comparingInt(SpecError::line)).toList();
  }

  private static String describe(List<SpecError> errors) {
    return sorted(errors).stream().map(SpecError::message).collect(Collectors.joining("\n"));
  }
}
