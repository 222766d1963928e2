package dev.cptflow.cli;

import dev.cptflow.workers.LoopbackTemporalServer;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK's test server behind what a hosted Temporal cluster demands: mutual TLS (the client must present a
 * certificate of our CA) and an API key on every call ({@code authorization: Bearer KEY}), refused with
 * UNAUTHENTICATED otherwise. It counts what it let through and what it refused.
 */
final class SecuredTemporalServer implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final AtomicLong authorized = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final LoopbackTemporalServer server;

  private SecuredTemporalServer(TestCertificates certificates, String apiKey) throws Exception {
    var tls = GrpcSslContexts.forServer(certificates.serverCert().toFile(), certificates.serverKey().toFile())
        .trustManager(certificates.ca().toFile())
        .clientAuth(ClientAuth.REQUIRE)
        .build();
    ServerInterceptor apiKeyCheck = new ServerInterceptor() {
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
    };
    server = LoopbackTemporalServer.start(0, listener -> listener.sslContext(tls).intercept(apiKeyCheck));
  }

  static SecuredTemporalServer start(TestCertificates certificates, String apiKey) throws Exception {
    return new SecuredTemporalServer(certificates, apiKey);
  }

  String target() {
    return server.target();
  }

  long authorizedCalls() {
    return authorized.get();
  }

  long refusedCalls() {
    return refused.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
