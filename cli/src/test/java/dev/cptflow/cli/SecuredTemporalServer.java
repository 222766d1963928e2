package dev.cptflow.cli;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK's test server behind what a hosted Temporal cluster demands: mutual TLS (the client must present a
 * certificate of our CA) and an API key on every call ({@code authorization: Bearer KEY}), refused with
 * UNAUTHENTICATED otherwise. It counts what it let through and what it refused.
 */
final class SecuredTemporalServer implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final TestServicesStarter services;
  private final Server server;
  private final AtomicLong authorized;
  private final AtomicLong refused;

  private SecuredTemporalServer(TestServicesStarter services, Server server, AtomicLong authorized, AtomicLong refused) {
    this.services = services;
    this.server = server;
    this.authorized = authorized;
    this.refused = refused;
  }

  static SecuredTemporalServer start(TestCertificates certificates, String apiKey) throws Exception {
    AtomicLong authorized = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .sslContext(GrpcSslContexts.forServer(certificates.serverCert().toFile(), certificates.serverKey().toFile())
            .trustManager(certificates.ca().toFile())
            .clientAuth(ClientAuth.REQUIRE)
            .build())
        .intercept(new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            if (!("Bearer " + apiKey).equals(headers.get(AUTHORIZATION))) {
              refused.incrementAndGet();
              call.close(Status.UNAUTHENTICATED.withDescription("invalid API key"), new Metadata());
              return new ServerCall.Listener<>() {};
            }
            authorized.incrementAndGet();
            return next.startCall(call, headers);
          }
        });
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    return new SecuredTemporalServer(services, builder.build().start(), authorized, refused);
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  long authorizedCalls() {
    return authorized.get();
  }

  long refusedCalls() {
    return refused.get();
  }

  @Override
  public void close() {
    server.shutdownNow();
    services.close();
  }
}
