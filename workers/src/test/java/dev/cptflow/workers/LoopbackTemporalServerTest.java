package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Guards the SDK-internal classes that {@link LoopbackTemporalServer} is built from. */
class LoopbackTemporalServerTest {
  @Test
  void servesTemporalOnLoopbackOnly() throws Exception {
    try (LoopbackTemporalServer server = LoopbackTemporalServer.start(0)) {
      assertTrue(server.port() > 0);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      try {
        var info = stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        assertTrue(info.hasCapabilities(), "a Temporal frontend answers on " + server.target());
      } finally {
        stubs.shutdownNow();
      }
      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThrows(IOException.class, () -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), server.port()), 2000);
          }
        }, "nothing listens on " + external.get());
      }
    }
  }

  @Test
  void aBusyPortIsReportedWithTheAddress() {
    try (LoopbackTemporalServer first = LoopbackTemporalServer.start(0)) {
      var failure = assertThrows(java.io.UncheckedIOException.class, () -> LoopbackTemporalServer.start(first.port()));
      assertEquals(true, failure.getMessage().contains("127.0.0.1:" + first.port()), failure.getMessage());
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!network.isUp() || network.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(network.getInetAddresses())) {
        if (address instanceof java.net.Inet4Address) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
