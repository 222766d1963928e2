package dev.cptflow.workers;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.envconfig.ClientConfigProfile;
import java.nio.file.Path;

/**
 * How to reach a Temporal frontend. The API key is held here only in memory, after being read from an
 * environment variable, a file or an env-config profile; it is never a command-line value and never enters a
 * payload.
 *
 * @param target {@code host:port}
 * @param tlsCert client certificate (PEM), or null
 * @param tlsKey client private key (PKCS#8 PEM), or null
 * @param tlsCa CA bundle that signed the server certificate (PEM), or null for the system trust store
 * @param apiKey bearer API key, or null
 * @param profile a Temporal env-config profile whose TLS and metadata apply where no flag overrides them, or null
 * @param dataConverter how payloads are converted, encryption included
 */
public record ConnectionSettings(String target, String namespace, Path tlsCert, Path tlsKey, Path tlsCa, String apiKey,
    ClientConfigProfile profile, DataConverter dataConverter) {
  public static final String DEFAULT_NAMESPACE = "default";

  public ConnectionSettings(String target, String namespace, Path tlsCert, Path tlsKey, Path tlsCa, String apiKey) {
    this(target, namespace, tlsCert, tlsKey, tlsCa, apiKey, null, DefaultDataConverter.STANDARD_INSTANCE);
  }

  public boolean usesTls() {
    return tlsCert != null || tlsKey != null || tlsCa != null || apiKey != null;
  }

  @Override
  public String toString() {
    // Records print every field; the API key must never reach a log line (the profile may hold one too).
    return "ConnectionSettings[target=" + target + ", namespace=" + namespace + ", tls=" + usesTls()
        + ", apiKey=" + (apiKey == null ? "none" : "***") + ", profile=" + (profile == null ? "none" : "loaded") + "]";
  }
}
