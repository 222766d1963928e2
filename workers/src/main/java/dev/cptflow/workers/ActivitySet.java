package dev.cptflow.workers;

import dev.cptflow.workflows.api.TaskQueues;
import java.util.List;

/** The activity implementations a worker registers on each queue. */
@FunctionalInterface
public interface ActivitySet {
  List<Object> forQueue(TaskQueues queue);
}
