package dev.cptflow.activities.stage;

import java.util.List;

/** The eval activity's heartbeat: the task under way, how far it is, and the tasks already stored. */
public record EvalProgressReport(String task, long done, long total, List<String> finished) {
  public EvalProgressReport {
    finished = List.copyOf(finished);
  }
}
