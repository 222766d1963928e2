package dev.cptflow.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.CptSearchAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the deployment without a Docker engine, so it is checked on every build: the services the
 * compose file must run, that every version comes from {@code .env}, that the setup registers exactly the search
 * attributes the workflows set, and that the image runs as a non-root user.
 */
class InfraFilesTest {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-[^}]*)?}");

  @Test
  void theStackHasTemporalOnPostgresTheUiMinioAndBothWorkers() {
    Set<String> services = InfraFiles.services().keySet();
    assertTrue(services.containsAll(List.of("postgresql", "temporal", "temporal-ui", "minio", "cpu-worker", "gpu-worker")),
        services.toString());
    for (Map.Entry<String, Map<String, Object>> service : InfraFiles.services().entrySet()) {
      String image = String.valueOf(service.getValue().get("image"));
      assertFalse(image.contains("auto-setup"), service.getKey() + ": auto-setup is deprecated");
    }
    assertTrue(image("temporal").startsWith("temporalio/server:"), image("temporal"));
    assertTrue(image("temporal-ui").startsWith("temporalio/ui:"), image("temporal-ui"));
    assertTrue(InfraFiles.services().values().stream().anyMatch(s -> String.valueOf(s.get("image")).startsWith("temporalio/admin-tools:")),
        "admin-tools sets up the schema and the namespace");
    assertTrue(String.valueOf(InfraFiles.services().get("temporal-ui").get("ports")).contains("8080:8080"));
    assertTrue(InfraFiles.text(InfraFiles.COMPOSE).contains("postgres12"), "Temporal persists to PostgreSQL");
  }

  @Test
  void everyVersionComesFromTheEnvFile() {
    Map<String, String> env = InfraFiles.env();
    for (Map.Entry<String, Map<String, Object>> service : InfraFiles.services().entrySet()) {
      String image = String.valueOf(service.getValue().get("image"));
      if (image.equals("null")) {
        continue;
      }
      Matcher variables = VARIABLE.matcher(image);
      assertTrue(variables.find() || image.startsWith("${"), service.getKey() + " pins its version in .env: " + image);
      variables.reset();
      while (variables.find()) {
        assertTrue(env.containsKey(variables.group(1)), service.getKey() + ": " + variables.group(1) + " is not in .env");
      }
    }
  }

  @Test
  void theWorkersServeTheQueuesAndStoreTheDocsDescribe() {
    String cpu = InfraFiles.command("cpu-worker");
    String gpu = InfraFiles.command("gpu-worker");
    assertTrue(cpu.startsWith("worker ") && cpu.contains("--queues workflows,cpu"), cpu);
    assertTrue(gpu.startsWith("worker ") && gpu.contains("--queues gpu") && gpu.contains("--gpu-slots 1"), gpu);
    for (String command : List.of(cpu, gpu)) {
      assertTrue(command.contains("--temporal temporal:7233") && command.contains("--s3-endpoint http://minio:9000")
          && command.contains("--store s3://"), command);
    }
    assertFalse(InfraFiles.services().get("gpu-worker").containsKey("deploy"),
        "the GPU reservation stays commented out: hosts without the NVIDIA runtime must still start the stack");
    assertTrue(InfraFiles.text(InfraFiles.COMPOSE).contains("driver: nvidia"), "...but it is there to uncomment");
  }

  @Test
  void setupRegistersExactlyTheSearchAttributesTheWorkflowsSet() {
    String setup = InfraFiles.text(InfraFiles.SETUP);
    for (var key : CptSearchAttributes.ALL) {
      assertTrue(Pattern.compile("--name\\s+" + key.getName() + "\\s+--type\\s+Keyword").matcher(setup).find(),
          key.getName() + " is registered as Keyword:\n" + setup);
    }
    assertTrue(setup.contains("namespace create"), "the default namespace is created");
  }

  @Test
  void theImageBuildsInOneStageAndRunsAsANonRootUserInAnother() {
    List<String> lines = InfraFiles.text(InfraFiles.DOCKERFILE).lines().map(String::strip).toList();
    assertTrue(lines.stream().filter(line -> line.startsWith("FROM ")).count() >= 2, "multi-stage");
    String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((first, last) -> last).orElse("USER root");
    assertFalse(Set.of("USER root", "USER 0").contains(user), user);
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("ENTRYPOINT") && line.contains("cpt.jar")), "runs the cpt CLI");
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("RUN") && line.contains("mvn") && line.contains("package")),
        "the first stage builds the jar with Maven");
  }

  private static String image(String service) {
    return String.valueOf(InfraFiles.services().get(service).get("image"));
  }
}
