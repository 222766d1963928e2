package dev.cptflow.cli.commands;

import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.client.WorkflowNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancel a running sweep. Running activities stop at their next heartbeat; finished nodes stay cached.")
public class CancelCommand extends CommandBase {
  @Parameters(paramLabel = "ID", description = "Sweep id (or its workflow id cpt/<id>).")
  String id;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    String sweepId = WorkflowIds.sweepIdOf(id);
    try (TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      session.client().newUntypedWorkflowStub(WorkflowIds.sweep(sweepId)).cancel();
      out().println("cancel requested for sweep " + sweepId);
      return 0;
    } catch (WorkflowNotFoundException e) {
      throw new UserError("no running sweep '" + sweepId + "' on this server");
    }
  }
}
