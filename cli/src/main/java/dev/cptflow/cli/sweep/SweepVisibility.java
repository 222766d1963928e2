package dev.cptflow.cli.sweep;

import dev.cptflow.workflows.api.CptSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Lists sweeps through the server's visibility API, by the {@link CptSearchAttributes}. Servers without visibility
 * queries (the SDK's test server behind {@code cpt server}) answer UNIMPLEMENTED; the caller then reads the store's
 * index instead.
 */
public final class SweepVisibility {
  /** One sweep as visibility sees it; {@code stage} is its {@code CptStage}. */
  public record VisibleSweep(String sweepId, Instant started, String status, String stage) {}

  private final WorkflowClient client;

  public SweepVisibility(WorkflowClient client) {
    this.client = client;
  }

  /** The visibility query for root sweep workflows, optionally in one stage; values are quoted for the query language. */
  public static String query(String stage) {
    String query = CptSearchAttributes.SWEEP.getName() + " IS NOT NULL AND WorkflowType = 'SweepWorkflow'";
    if (stage != null) {
      query += " AND " + CptSearchAttributes.STAGE.getName() + " = " + quoted(stage);
    }
    return query + " ORDER BY StartTime DESC";
  }

  /** The sweeps, newest first, or empty when this server has no visibility queries. */
  public Optional<List<VisibleSweep>> list(String stage, int limit) {
    try {
      return Optional.of(client.listExecutions(query(stage)).limit(limit).map(SweepVisibility::sweep).toList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static VisibleSweep sweep(WorkflowExecutionMetadata execution) {
    String sweepId = execution.getTypedSearchAttributes().get(CptSearchAttributes.SWEEP);
    String stage = execution.getTypedSearchAttributes().get(CptSearchAttributes.STAGE);
    String status = execution.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(java.util.Locale.ROOT);
    return new VisibleSweep(sweepId, execution.getStartTime(), status, stage == null ? "-" : stage);
  }

  private static String quoted(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
