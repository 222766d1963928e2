package dev.cptflow.activities.eval.task;

/** A task file that cannot be used; the message is one line naming the file, the line and the field. */
public class TaskDefinitionException extends RuntimeException {
  public TaskDefinitionException(String message) {
    super(message);
  }
}
