package dev.cptflow.workers;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;

/**
 * The SDK's test server inside this JVM, reached over an in-process channel: no port, nothing to
 * secure. State is memory only, so it lives exactly as long as the {@code cpt run} that started it.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestServer.InProcessTestServer server;
  private final WorkflowServiceStubs stubs;

  private EmbeddedTemporal(TestServer.InProcessTestServer server) {
    this.server = server;
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(server.getChannel()).build());
  }

  /** Time skipping stays locked: these are real runs, whose timeouts must be real time. */
  public static EmbeddedTemporal start() {
    return new EmbeddedTemporal(TestServer.createServer(true));
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    server.close();
  }
}
