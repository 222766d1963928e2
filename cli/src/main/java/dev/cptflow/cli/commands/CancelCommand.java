package dev.cptflow.cli.commands;

import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.options.SweepIdArgument;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.client.WorkflowNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancel a running sweep. Running activities stop at their next heartbeat; finished nodes stay cached.")
public class CancelCommand extends CommandBase {
  @Mixin SweepIdArgument sweepArgument;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    String sweepId = sweepArgument.sweepId();
    try (TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      session.client().newUntypedWorkflowStub(WorkflowIds.sweep(sweepId)).cancel();
      out().println("cancel requested for sweep " + sweepId);
      return 0;
    } catch (WorkflowNotFoundException e) {
      throw new UserError("no running sweep '" + sweepId + "' on this server");
    }
  }
}
