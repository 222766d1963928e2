package dev.cptflow.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.cli.UserError;
import dev.cptflow.workers.ConnectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConnectionOptionsTest {
  private static final String PROFILES = """
      [profile.default]
      address = "127.0.0.1:7233"

      [profile.staging]
      address = "temporal.staging.internal:7233"
      namespace = "research"
      api_key = "profile-secret-key-123"
      """;

  @Command(name = "probe")
  static class Probe {
    @Mixin ConnectionOptions connection;
  }

  @TempDir Path dir;

  private ConnectionOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.connection;
  }

  @Test
  void aProfileGivesTheAddressNamespaceAndKey() throws Exception {
    Path file = Files.writeString(dir.resolve("temporal.toml"), PROFILES);
    ConnectionOptions options = parse("--config-file", file.toString(), "--profile", "staging");
    assertTrue(options.targetGiven());
    ConnectionSettings settings = options.settings(null);
    assertEquals("temporal.staging.internal:7233", settings.target());
    assertEquals("research", settings.namespace());
    assertEquals("profile-secret-key-123", settings.profile().getApiKey());
    assertFalse(settings.toString().contains("profile-secret-key-123"), settings.toString());
  }

  @Test
  void flagsOverrideTheProfile() throws Exception {
    Path file = Files.writeString(dir.resolve("temporal.toml"), PROFILES);
    ConnectionSettings settings = parse("--config-file", file.toString(), "--profile", "staging",
        "--temporal", "other:7233", "--namespace", "prod").settings(null);
    assertEquals("other:7233", settings.target());
    assertEquals("prod", settings.namespace());
  }

  @Test
  void withoutAProfileNothingIsReadFromTheEnvironment() {
    ConnectionOptions options = parse();
    assertFalse(options.targetGiven());
    ConnectionSettings settings = options.settings(ConnectionOptions.LOCAL_SERVER);
    assertEquals(ConnectionOptions.LOCAL_SERVER, settings.target());
    assertEquals("default", settings.namespace());
    assertNull(settings.profile());
  }

  @Test
  void anUnknownProfileOrFileIsAOneLineError() throws Exception {
    Path file = Files.writeString(dir.resolve("temporal.toml"), PROFILES);
    UserError unknown = assertThrows(UserError.class,
        () -> parse("--config-file", file.toString(), "--profile", "nope").settings(null));
    assertTrue(unknown.getMessage().startsWith(file + ": profile 'nope': "), unknown.getMessage());
    assertFalse(unknown.getMessage().contains("\n"));
    UserError missing = assertThrows(UserError.class,
        () -> parse("--config-file", dir.resolve("absent.toml").toString()).settings(null));
    assertEquals(dir.resolve("absent.toml") + ": env-config file not found or not readable", missing.getMessage());
  }
}
