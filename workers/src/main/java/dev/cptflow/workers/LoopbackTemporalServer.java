package dev.cptflow.workers;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The SDK's test server on a TCP port of 127.0.0.1 only. {@code TestServer.createPortBoundServer}
 * would listen on every interface with no authentication, so we assemble the same services on a
 * loopback-bound Netty server. This uses SDK-internal classes: the Temporal version is pinned in the
 * root pom and {@code LoopbackTemporalServerTest} fails loudly if they change.
 */
public final class LoopbackTemporalServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server grpcServer;

  private LoopbackTemporalServer(TestServicesStarter services, Server grpcServer) {
    this.services = services;
    this.grpcServer = grpcServer;
  }

  /** @param port a TCP port, or 0 to let the system choose one ({@link #port()} tells which) */
  public static LoopbackTemporalServer start(int port) {
    return start(port, listener -> {});
  }

  /**
   * @param listener adds to the listener before it starts, e.g. TLS and an authorization interceptor, so tests can
   *     play a secured cluster without assembling these SDK-internal services a second time
   */
  public static LoopbackTemporalServer start(int port, Consumer<NettyServerBuilder> listener) {
    // Time skipping locked: a server that users run against must keep wall-clock time.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener.accept(builder);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      return new LoopbackTemporalServer(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return grpcServer.getPort();
  }

  public String target() {
    return "127.0.0.1:" + port();
  }

  @Override
  public void close() {
    grpcServer.shutdownNow();
    services.close();
  }
}
