package dev.cptflow.cli.options;

import dev.cptflow.cli.UserError;
import dev.cptflow.workers.ConnectionSettings;
import io.temporal.envconfig.ClientConfigProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the Temporal frontend is and how to authenticate. API keys are read from an environment variable
 * or a file, never taken on the command line, where they would land in shell history and {@code ps}.
 */
public class ConnectionOptions {
  public static final String LOCAL_SERVER = "127.0.0.1:7233";

  @Option(names = "--temporal", paramLabel = "HOST:PORT",
      description = "Temporal frontend. Without it, 'cpt run' starts an embedded server and the other commands use "
          + LOCAL_SERVER + " (a 'cpt server').")
  String target;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "Temporal namespace. Default: the profile's, else " + ConnectionSettings.DEFAULT_NAMESPACE + ".")
  String namespace;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Temporal env-config profile: address, namespace, TLS and API key from the config file, "
          + "overridden by TEMPORAL_* environment variables, then by the flags here.")
  String profileName;

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "Env-config TOML file (default: $TEMPORAL_CONFIG_FILE, else ~/.config/temporalio/temporal.toml). "
          + "Implies --profile default.")
  Path configFile;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Client certificate (PEM) for mutual TLS.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Client private key (PKCS#8 PEM) for mutual TLS.")
  Path tlsKey;

  @Option(names = "--tls-ca", paramLabel = "FILE", description = "CA bundle (PEM) that signed the server certificate.")
  Path tlsCa;

  @Mixin PayloadKeyOptions payloadKeys;

  @Option(names = "--api-key-env", paramLabel = "VAR", description = "Read the Temporal API key from this environment variable.")
  String apiKeyEnv;

  @Option(names = "--api-key-file", paramLabel = "FILE", description = "Read the Temporal API key from this file.")
  Path apiKeyFile;

  /** How payloads are converted (and encrypted, with payload keys), for an embedded server too. */
  public io.temporal.common.converter.DataConverter dataConverter() {
    return payloadKeys.dataConverter();
  }

  /** True when the user named a server, by flag or profile; otherwise {@code cpt run} starts an embedded one. */
  public boolean targetGiven() {
    return target != null || profileName != null || configFile != null;
  }

  /** @param defaultTarget used when {@code --temporal} is absent */
  public ConnectionSettings settings(String defaultTarget) {
    if (apiKeyEnv != null && apiKeyFile != null) {
      throw new UserError("give --api-key-env or --api-key-file, not both");
    }
    for (Path file : new Path[] {tlsCert, tlsKey, tlsCa}) {
      if (file != null && !Files.isReadable(file)) {
        throw new UserError(file + ": TLS file not found or not readable");
      }
    }
    ClientConfigProfile profile = profileName == null && configFile == null ? null : EnvConfigProfiles.load(profileName, configFile);
    String resolvedTarget = target != null ? target : profile != null && profile.getAddress() != null ? profile.getAddress() : defaultTarget;
    if (resolvedTarget == null) {
      throw new UserError("profile '" + (profileName == null ? "default" : profileName) + "' has no address: add --temporal HOST:PORT");
    }
    String resolvedNamespace = namespace != null ? namespace
        : profile != null && profile.getNamespace() != null ? profile.getNamespace() : ConnectionSettings.DEFAULT_NAMESPACE;
    return new ConnectionSettings(resolvedTarget, resolvedNamespace, tlsCert, tlsKey, tlsCa, apiKey(), profile,
        payloadKeys.dataConverter());
  }

  private String apiKey() {
    if (apiKeyEnv != null) {
      String key = System.getenv(apiKeyEnv);
      if (key == null || key.isBlank()) {
        throw new UserError("--api-key-env " + apiKeyEnv + ": the environment variable is not set");
      }
      return key.trim();
    }
    if (apiKeyFile != null) {
      try {
        String key = Files.readString(apiKeyFile).trim();
        if (key.isEmpty()) {
          throw new UserError(apiKeyFile + ": the API key file is empty");
        }
        return key;
      } catch (IOException e) {
        throw new UserError(apiKeyFile + ": cannot read the API key file: " + e.getMessage());
      }
    }
    return null;
  }
}
