package dev.cptflow.cli.options;

import dev.cptflow.cli.UserError;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a Temporal env-config profile (the TOML file and the {@code TEMPORAL_*} variables the Temporal CLI and SDKs
 * share), turning the SDK's exceptions into one-line user errors.
 */
final class EnvConfigProfiles {
  private EnvConfigProfiles() {}

  static ClientConfigProfile load(String profileName, Path configFile) {
    if (configFile != null && !Files.isReadable(configFile)) {
      throw new UserError(configFile + ": env-config file not found or not readable");
    }
    LoadClientConfigProfileOptions.Builder options = LoadClientConfigProfileOptions.newBuilder();
    if (profileName != null) {
      options.setConfigFileProfile(profileName);
    }
    if (configFile != null) {
      options.setConfigFilePath(configFile.toString());
    }
    String where = configFile != null ? configFile.toString() : "the env-config file";
    try {
      return ClientConfigProfile.load(options.build());
    } catch (IOException e) {
      throw new UserError(where + ": cannot read the Temporal env-config: " + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      throw new UserError(where + ": profile '" + (profileName == null ? "default" : profileName) + "': " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "invalid" : message.lines().findFirst().orElse("invalid");
  }
}
