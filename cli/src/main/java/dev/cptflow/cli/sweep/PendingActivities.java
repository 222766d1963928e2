package dev.cptflow.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.workflows.api.UnitProgress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A workflow's pending activities as the server describes them: whether a worker has started each, and the
 * progress its last heartbeat carried. Heartbeats survive a retry, so an activity waiting to be retried still
 * names its node.
 */
final class PendingActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param progress empty until the activity has heartbeated a {@link UnitProgress} */
  record Pending(boolean started, Optional<UnitProgress> progress) {}

  private PendingActivities() {}

  static List<Pending> of(WorkflowClient client, String workflowId) {
    List<PendingActivityInfo> infos = client.getWorkflowServiceStubs().blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
            .build())
        .getPendingActivitiesList();
    List<Pending> pending = new ArrayList<>();
    for (PendingActivityInfo info : infos) {
      boolean started = info.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
          || info.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED;
      pending.add(new Pending(started, info.hasHeartbeatDetails() ? progress(client, info) : Optional.empty()));
    }
    return pending;
  }

  private static Optional<UnitProgress> progress(WorkflowClient client, PendingActivityInfo info) {
    try {
      JsonNode details = client.getOptions().getDataConverter()
          .fromPayloads(0, Optional.of(info.getHeartbeatDetails()), JsonNode.class, JsonNode.class);
      if (details == null || !details.hasNonNull("progress")) {
        return Optional.empty(); // a stage that heartbeats only to stay alive
      }
      return Optional.of(JSON.treeToValue(details.get("progress"), UnitProgress.class));
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException otherShape) {
      return Optional.empty(); // a worker of another version: its bar just stays where the workflow puts it
    }
  }
}
