package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.S3ProxyServer;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workers.LoopbackTemporalServer;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workers.WorkerHost;
import dev.cptflow.workers.WorkerSlots;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.flow.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A whole sweep, submitted with a Temporal API key (from an env-config profile) to a store on S3 behind real
 * credentials, leaves none of those secrets in any workflow history: payloads carry store URIs and keys, never
 * credentials.
 */
@Tag("slow")
class NoCredentialsInHistoryTest {
  private static final String API_KEY = "cpt-temporal-api-key-SECRET-9911";
  private static final String ACCESS_KEY = "AKIACPTTESTACCESS7781";
  private static final String SECRET_KEY = "cpt-s3-secret-DO-NOT-LEAK-4242";

  @TempDir Path dir;
  private final Map<String, String> previous = new java.util.HashMap<>();

  @BeforeEach
  void awsCredentialsForTheCli() {
    // The CLI reads S3 credentials from the AWS default chain, whose first link is these system properties.
    for (Map.Entry<String, String> property : Map.of("aws.accessKeyId", ACCESS_KEY, "aws.secretAccessKey", SECRET_KEY).entrySet()) {
      previous.put(property.getKey(), System.getProperty(property.getKey()));
      System.setProperty(property.getKey(), property.getValue());
    }
  }

  @AfterEach
  void restore() {
    previous.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
  }

  @Test
  void noHistoryOfTheSweepContainsACredential() throws Exception {
    Path spec = SmallSweepFixture.write(dir, "secrets");
    try (S3ProxyServer s3 = new S3ProxyServer(true, ACCESS_KEY, SECRET_KEY);
        LoopbackTemporalServer server = LoopbackTemporalServer.start(0);
        StoreRegistry stores = new StoreRegistry(S3Config.defaults().withEndpoint(s3.endpoint()).withRegion("us-east-1")
            .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))))) {
      s3.createBucket("cpt", ACCESS_KEY, SECRET_KEY);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkerHost workers = WorkerHost.start(WorkflowClient.newInstance(stubs), EnumSet.allOf(TaskQueues.class),
          new ProductionActivities(stores), new WorkerSlots(2, 1));
      try {
        Path profiles = Files.writeString(dir.resolve("temporal.toml"), """
            [profile.ci]
            address = "%s"
            api_key = "%s"
            [profile.ci.tls]
            disabled = true
            """.formatted(server.target(), API_KEY));
        String[] connection = {"--config-file", profiles.toString(), "--profile", "ci",
            "--store", "s3://cpt/store", "--s3-endpoint", s3.endpoint().toString(), "--s3-region", "us-east-1"};
        CliRunner submit = CliRunner.run(CliRunner.args(new String[] {"submit"}, connection, new String[] {spec.toString()}));
        assertEquals(0, submit.exitCode(), submit.out() + submit.err());
        String sweepId = submit.out().strip();
        CliRunner status = CliRunner.run(CliRunner.args(new String[] {"status", "--wait"}, connection, new String[] {sweepId}));
        assertEquals(0, status.exitCode(), status.out() + status.err());

        List<String> workflowIds = new ArrayList<>();
        List<String> histories = new ArrayList<>();
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        Deque<String> toRead = new ArrayDeque<>(List.of(WorkflowIds.sweep(sweepId)));
        while (!toRead.isEmpty()) {
          String workflowId = toRead.pop();
          History history = client.fetchHistory(workflowId).getHistory();
          workflowIds.add(workflowId);
          histories.add(new String(history.toByteArray(), StandardCharsets.ISO_8859_1));
          history.getEventsList().stream()
              .filter(event -> event.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
              .forEach(event -> toRead.add(event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId()));
        }
        assertTrue(workflowIds.size() >= 4, "root, corpus, score batches and the variant: " + workflowIds);
        assertTrue(histories.stream().anyMatch(history -> history.contains("s3://cpt/store")),
            "the histories are readable and name the store");
        for (int i = 0; i < histories.size(); i++) {
          for (String secret : List.of(API_KEY, ACCESS_KEY, SECRET_KEY)) {
            assertFalse(histories.get(i).contains(secret), workflowIds.get(i) + " holds a credential");
          }
        }
      } finally {
        workers.shutdown(Duration.ofSeconds(5));
        stubs.shutdownNow();
      }
    }
  }

}
