package dev.cptflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The deployment files, read the way docker compose reads them (tests run in the module directory). */
final class InfraFiles {
  static final Path COMPOSE = Path.of("docker-compose.yml");
  static final Path ENV = Path.of(".env");
  static final Path DOCKERFILE = Path.of("Dockerfile");
  static final Path SETUP = Path.of("temporal", "setup.sh");

  private InfraFiles() {}

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code .env} as docker compose reads it: {@code KEY=value} lines, {@code #} comments. */
  static Map<String, String> env() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text(ENV).lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
        continue;
      }
      values.put(trimmed.substring(0, trimmed.indexOf('=')).strip(), trimmed.substring(trimmed.indexOf('=') + 1).strip());
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> compose() {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(text(COMPOSE));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) compose().get("services");
  }

  /** A service's command as one string, whether the file writes it as a list or a line. */
  static String command(String service) {
    Object command = services().get(service).get("command");
    return command instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList()) : String.valueOf(command);
  }
}
