package dev.cptflow.workers.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workers.EmbeddedTemporal;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With the codec on client and worker, the server's history holds only ciphertext, and the workflow still runs. */
class EncryptedHistoryTest {
  private static final String SECRET = "sk-live-PLAINTEXT-123";
  private static final String QUEUE = "codec-test";

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String echo(String text);
  }

  @ActivityInterface
  public interface Upper {
    String upper(String text);
  }

  public static class EchoImpl implements Echo {
    @Override
    public String echo(String text) {
      Upper upper = Workflow.newActivityStub(Upper.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
      return upper.upper(text);
    }
  }

  @Test
  void theHistoryHoldsOnlyCiphertext() {
    PayloadKeys keys = PayloadKeys.parse("k1 " + AesGcmPayloadCodecTest.NEW_KEY, "test");
    try (EmbeddedTemporal server = EmbeddedTemporal.start()) {
      WorkflowClient client = WorkflowClient.newInstance(server.stubs(),
          WorkflowClientOptions.newBuilder().setDataConverter(PayloadEncryption.dataConverter(keys)).build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(EchoImpl.class);
      worker.registerActivitiesImplementations((Upper) text -> text.toUpperCase(java.util.Locale.ROOT));
      factory.start();
      try {
        Echo echo = client.newWorkflowStub(Echo.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("codec-echo").build());
        assertEquals(SECRET.toUpperCase(java.util.Locale.ROOT), echo.echo(SECRET));

        History history = client.fetchHistory("codec-echo").getHistory();
        String raw = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(SECRET) || raw.contains(SECRET.toUpperCase(java.util.Locale.ROOT)), "no plaintext in the history");
        var input = history.getEventsList().stream()
            .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
            .findFirst().orElseThrow().getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
        assertEquals("binary/encrypted", input.getMetadataMap().get("encoding").toStringUtf8());

        WorkflowClient withoutKeys = WorkflowClient.newInstance(server.stubs());
        assertThrows(RuntimeException.class,
            () -> withoutKeys.newUntypedWorkflowStub("codec-echo").getResult(String.class),
            "a client without the key cannot read the result");
        WorkflowClient otherKey = WorkflowClient.newInstance(server.stubs(), WorkflowClientOptions.newBuilder()
            .setDataConverter(PayloadEncryption.dataConverter(PayloadKeys.parse("k2 " + AesGcmPayloadCodecTest.OLD_KEY, "t"))).build());
        RuntimeException wrongKey = assertThrows(RuntimeException.class,
            () -> otherKey.newUntypedWorkflowStub("codec-echo").getResult(String.class));
        assertTrue(causes(wrongKey).contains("key id 'k1', which is not among the loaded keys [k2]"), causes(wrongKey));
      } finally {
        factory.shutdownNow();
      }
    }
  }

  private static String causes(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      text.append(cause.getMessage()).append(" | ");
    }
    return text.toString();
  }
}
