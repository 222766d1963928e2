package dev.cptflow.workers;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Opens service stubs to a Temporal cluster, with mutual TLS or an API key where configured. An env-config profile
 * is the base; the command line's TLS files and API key replace the profile's.
 */
public final class TemporalConnection {
  private TemporalConnection() {}

  public static WorkflowServiceStubs connect(ConnectionSettings settings) {
    WorkflowServiceStubsOptions.Builder options = base(settings).setTarget(settings.target());
    if (settings.tlsCert() != null || settings.tlsKey() != null || settings.tlsCa() != null) {
      options.setSslContext(sslContext(settings));
    } else if (settings.apiKey() != null) {
      options.setEnableHttps(true);
    }
    if (settings.apiKey() != null) {
      String apiKey = settings.apiKey();
      options.addApiKey(() -> apiKey);
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  private static WorkflowServiceStubsOptions.Builder base(ConnectionSettings settings) {
    if (settings.profile() == null) {
      return WorkflowServiceStubsOptions.newBuilder();
    }
    ClientConfigProfile profile = settings.profile();
    if (settings.apiKey() != null && profile.getApiKey() != null) {
      profile = profile.toBuilder().setApiKey(null).build(); // one key, the command line's
    }
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder(profile.toWorkflowServiceStubsOptions());
    if (profile.getTls() != null && Boolean.TRUE.equals(profile.getTls().isDisabled())) {
      // An API key turns TLS on by default, and copying the profile's options loses its explicit "off".
      options.setEnableHttps(false);
    }
    return options;
  }

  private static SslContext sslContext(ConnectionSettings settings) {
    if ((settings.tlsCert() == null) != (settings.tlsKey() == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    try {
      SimpleSslContextBuilder builder;
      if (settings.tlsCert() != null) {
        // The builder reads these streams in build(), not here: hand it the files' bytes, not streams closed by then.
        builder = SimpleSslContextBuilder.forPKCS8(new ByteArrayInputStream(Files.readAllBytes(settings.tlsCert())),
            new ByteArrayInputStream(Files.readAllBytes(settings.tlsKey())));
      } else {
        builder = SimpleSslContextBuilder.noKeyOrCertChain();
      }
      if (settings.tlsCa() != null) {
        builder.setTrustManager(trustManagerFor(settings.tlsCa()).getTrustManagers()[0]);
      }
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TLS file: " + e.getMessage(), e);
    }
  }

  private static TrustManagerFactory trustManagerFor(Path caBundle) throws IOException {
    try (InputStream pem = Files.newInputStream(caBundle)) {
      Collection<? extends java.security.cert.Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(pem);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(caBundle + ": no certificate found in the CA bundle");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (java.security.cert.Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + index++, (X509Certificate) certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(caBundle + ": not a usable CA bundle: " + e.getMessage(), e);
    }
  }
}
