package dev.cptflow.cli.options;

import dev.cptflow.workflows.flow.WorkflowIds;
import picocli.CommandLine.Parameters;

/** The sweep a command looks at, as users paste it: its id, or its root workflow id {@code cpt/<id>}. */
public class SweepIdArgument {
  @Parameters(paramLabel = "ID", description = "Sweep id (or its workflow id cpt/<id>).")
  String id;

  public String sweepId() {
    return WorkflowIds.sweepIdOf(id);
  }
}
