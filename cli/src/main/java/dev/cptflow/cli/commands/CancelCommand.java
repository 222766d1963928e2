package dev.cptflow.cli.commands;

import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.ConnectionOptions;
import dev.cptflow.cli.sweep.TemporalSession;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = "Cancel a running sweep. Running activities stop at their next heartbeat; finished nodes stay cached.")
public class CancelCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "Sweep id (or its workflow id cpt/<id>).")
  String id;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    String sweepId = WorkflowIds.sweepIdOf(id);
    try (TemporalSession session = TemporalSession.connect(connection.settings(ConnectionOptions.LOCAL_SERVER))) {
      session.client().newUntypedWorkflowStub(WorkflowIds.sweep(sweepId)).cancel();
      command.commandLine().getOut().println("cancel requested for sweep " + sweepId);
      return 0;
    } catch (WorkflowNotFoundException e) {
      throw new UserError("no running sweep '" + sweepId + "' on this server");
    }
  }
}
