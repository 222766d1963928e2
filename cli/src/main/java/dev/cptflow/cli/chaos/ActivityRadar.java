package dev.cptflow.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every workflow of a sweep is doing right now, from the server: the root, then each open child in turn, with
 * their pending activities (type, attempt, the worker that holds it, the last heartbeat it sent). It names each
 * activity's node from the workflow's history, where the activity's input is.
 */
final class ActivityRadar {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One pending activity. {@code details} is its last heartbeat as JSON, or null. */
  record Pending(String workflowId, String activityId, String type, int attempt, boolean started, long workerPid,
      JsonNode details, String lastFailure) {

    String key() {
      return workflowId + "#" + activityId;
    }

    ChaosStage stage() {
      return ChaosStage.ofActivity(type);
    }
  }

  /** The node an activity works on and, for a score shard, which shard. */
  record Target(String nodeId, int shard) {
    String label() {
      return shard < 0 ? nodeId : nodeId + " shard " + shard;
    }
  }

  private final WorkflowClient client;
  private final String rootWorkflowId;
  private final Map<String, Target> targets = new ConcurrentHashMap<>();

  ActivityRadar(WorkflowClient client, String rootWorkflowId) {
    this.client = client;
    this.rootWorkflowId = rootWorkflowId;
  }

  List<Pending> scan() {
    List<Pending> pending = new ArrayList<>();
    Deque<String> workflows = new ArrayDeque<>(List.of(rootWorkflowId));
    while (!workflows.isEmpty()) {
      String workflowId = workflows.pop();
      DescribeWorkflowExecutionResponse described;
      try {
        described = describe(workflowId);
      } catch (RuntimeException closedMeanwhile) {
        continue;
      }
      for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
        pending.add(new Pending(workflowId, activity.getActivityId(), activity.getActivityType().getName(),
            activity.getAttempt(), activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
            pid(activity.getLastWorkerIdentity()), details(activity.getHeartbeatDetails()),
            activity.hasLastFailure() ? activity.getLastFailure().getMessage() : ""));
      }
      for (PendingChildExecutionInfo child : described.getPendingChildrenList()) {
        workflows.add(child.getWorkflowId());
      }
    }
    return pending;
  }

  boolean rootOpen() {
    return describe(rootWorkflowId).getWorkflowExecutionInfo().getStatus()
        == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** The node of an activity, read from the input its workflow scheduled it with. */
  Target target(Pending activity) {
    return targets.computeIfAbsent(activity.key(), key -> readTarget(activity));
  }

  private Target readTarget(Pending activity) {
    for (HistoryEvent event : client.fetchHistory(activity.workflowId()).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && event.getActivityTaskScheduledEventAttributes().getActivityId().equals(activity.activityId())) {
        JsonNode input = details(event.getActivityTaskScheduledEventAttributes().getInput());
        if (input == null) {
          break;
        }
        if (input.has("shardIndex")) {
          return new Target(input.path("node").path("node").path("id").asText(), input.path("shardIndex").asInt());
        }
        if (input.has("node")) {
          return new Target(input.path("node").path("id").asText(), -1);
        }
        break;
      }
    }
    return new Target(activity.type(), -1); // store bookkeeping: no node of its own
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build());
  }

  /** The first payload as JSON (cpt's payloads are the SDK's JSON, unencrypted under {@code cpt chaos}). */
  private static JsonNode details(Payloads payloads) {
    if (payloads.getPayloadsCount() == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(payloads.getPayloads(0).getData().toByteArray());
      return node == null || node.isNull() ? null : node;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static long pid(String identity) {
    int at = identity.indexOf('@');
    try {
      return at > 0 ? Long.parseLong(identity.substring(0, at)) : -1;
    } catch (NumberFormatException notOurs) {
      return -1;
    }
  }

  static Optional<Pending> find(List<Pending> scan, String key) {
    return scan.stream().filter(activity -> activity.key().equals(key)).findFirst();
  }
}
