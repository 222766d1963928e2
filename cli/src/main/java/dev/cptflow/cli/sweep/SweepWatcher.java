package dev.cptflow.cli.sweep;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Redraws a sweep's progress until it closes. On a terminal it redraws in place; in a log (CI, a pipe)
 * it prints the table when it changed, at most every {@code logInterval}, and at least every
 * {@link #LOG_HEARTBEAT}, so a long quiet stage still shows the run is alive.
 */
public final class SweepWatcher {
  static final Duration LOG_HEARTBEAT = Duration.ofSeconds(30);

  private final WorkflowClient client;
  private final PrintWriter out;
  private final boolean interactive;
  private final ProgressReader reader;
  private final ProgressView view = new ProgressView();

  public SweepWatcher(WorkflowClient client, PrintWriter out, boolean interactive) {
    this.client = client;
    this.out = out;
    this.interactive = interactive;
    this.reader = new ProgressReader(client);
  }

  /** Returns the closing status of the workflow. */
  public WorkflowExecutionStatus watch(String workflowId, Duration refresh, Duration logInterval) throws InterruptedException {
    long started = System.currentTimeMillis();
    String lastPrinted = "";
    long lastPrintedAt = 0;
    int linesOnScreen = 0;
    while (true) {
      WorkflowExecutionStatus status = status(workflowId);
      String table = renderSafely(workflowId);
      long now = System.currentTimeMillis();
      boolean closed = status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      String frame = "sweep " + workflowId + "  " + (closed ? statusWord(status) : "running") + "  "
          + ProgressView.duration((now - started) / 1000) + "\n" + table;
      if (interactive) {
        if (linesOnScreen > 0) {
          out.print("\033[" + linesOnScreen + "F\033[J");
        }
        out.print(frame);
        linesOnScreen = (int) frame.lines().count();
        out.flush();
      } else if (printInLog(closed, !table.equals(lastPrinted), Duration.ofMillis(now - lastPrintedAt), logInterval)) {
        out.print(frame);
        out.flush();
        lastPrinted = table;
        lastPrintedAt = now;
      }
      if (closed) {
        return status;
      }
      Thread.sleep(refresh.toMillis());
    }
  }

  /** In a log: the last frame always, a changed table at most every {@code logInterval}, any table every 30 s. */
  static boolean printInLog(boolean closed, boolean changed, Duration sinceLastPrint, Duration logInterval) {
    return closed || sinceLastPrint.compareTo(LOG_HEARTBEAT) >= 0 || (changed && sinceLastPrint.compareTo(logInterval) >= 0);
  }

  private String renderSafely(String workflowId) {
    try {
      return view.render(reader.read(workflowId), System.currentTimeMillis());
    } catch (RuntimeException queryFailed) {
      return "  (progress not available: " + queryFailed.getMessage() + ")\n";
    }
  }

  public WorkflowExecutionStatus status(String workflowId) {
    return client.getWorkflowServiceStubs().blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  public static String statusWord(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
  }
}
