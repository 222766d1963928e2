package dev.cptflow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.store.S3Clients;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.cli.Main;
import dev.cptflow.workflows.api.CptSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The quickstart on the real stack of {@code infra/docker-compose.yml}: Temporal on PostgreSQL with the Cpt* search
 * attributes registered, MinIO as the store, and the cpu and gpu workers built from {@code infra/Dockerfile}. The
 * client runs here, as a user's would. Skipped where there is no Docker engine; {@link InfraFilesTest} checks the
 * same files without one.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {
  /** MinIO's local-only defaults, as in infra/.env. */
  private static final String MINIO_USER = InfraFiles.env().get("MINIO_ROOT_USER");
  private static final String MINIO_PASSWORD = InfraFiles.env().get("MINIO_ROOT_PASSWORD");
  private static final String BUCKET = InfraFiles.env().get("CPT_BUCKET");
  private static final String STORE = "s3://" + BUCKET + "/store";

  @Container
  static final ComposeContainer STACK = new ComposeContainer(new File("docker-compose.yml"))
      .withLocalCompose(true)
      .withBuild(true)
      .withExposedService("temporal-1", 7233, Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(5)))
      .withExposedService("minio-1", 9000, Wait.forHttp("/minio/health/live").forPort(9000))
      .withExposedService("temporal-ui-1", 8080, Wait.forHttp("/").forPort(8080))
      // The workers start only after the namespace, the search attributes and the bucket exist (depends_on), and the
      // first start builds the image with Maven: allow for it.
      .waitingFor("cpu-worker-1", Wait.forLogMessage(".*worker serving.*", 1).withStartupTimeout(Duration.ofMinutes(30)))
      .waitingFor("gpu-worker-1", Wait.forLogMessage(".*worker serving.*", 1).withStartupTimeout(Duration.ofMinutes(30)));

  private static String temporal;
  private static URI minio;

  @BeforeAll
  static void clientCredentials() {
    temporal = STACK.getServiceHost("temporal-1", 7233) + ":" + STACK.getServicePort("temporal-1", 7233);
    minio = URI.create("http://" + STACK.getServiceHost("minio-1", 9000) + ":" + STACK.getServicePort("minio-1", 9000));
    // The CLI takes S3 credentials from the AWS default chain, whose first link is these properties.
    System.setProperty("aws.accessKeyId", MINIO_USER);
    System.setProperty("aws.secretAccessKey", MINIO_PASSWORD);
  }

  @AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void theQuickstartCompletesOnTheStackWithArtifactsInMinioAndSearchableWorkflows() throws Exception {
    String[] connection = {"--temporal", temporal, "--store", STORE, "--s3-endpoint", minio.toString(), "--s3-region", "us-east-1"};
    Cli submit = Cli.run(concat(new String[] {"submit"}, connection, new String[] {"../examples/quickstart.yaml"}));
    assertEquals(0, submit.exitCode(), submit.err());
    assertTrue(submit.err().isBlank(), "the search attributes are registered, so no note: " + submit.err());
    String sweepId = submit.out().strip();

    Cli status = Cli.run(concat(new String[] {"status", "--wait"}, connection, new String[] {sweepId}));
    assertEquals(0, status.exitCode(), status.out() + status.err());
    assertTrue(status.out().contains("completed"), status.out());

    try (S3Client s3 = S3Clients.create(S3Config.defaults().withEndpoint(minio).withRegion("us-east-1")
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(MINIO_USER, MINIO_PASSWORD))))) {
      List<String> sweepFiles = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("store/sweeps/" + sweepId + "/"))
          .contents().stream().map(S3Object::key).toList();
      for (String file : List.of("spec.yaml", "outcome.json", "report.md", "report.html", "results.json", "results.csv")) {
        assertTrue(sweepFiles.contains("store/sweeps/" + sweepId + "/" + file), file + " in MinIO: " + sweepFiles);
      }
      assertTrue(sweepFiles.stream().filter(key -> key.endsWith(".png")).count() >= 3, "plots in MinIO");
      assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("store/cas/train/")).keyCount() > 0, "trained models in MinIO");
    }

    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      // Visibility is eventually consistent: the last upsert may trail the sweep's end by a moment.
      List<WorkflowExecutionMetadata> sweep = eventually(() ->
          client.listExecutions("CptSweep = '" + sweepId + "' AND CptStage = 'done'").toList(), list -> list.size() >= 9);
      assertTrue(sweep.stream().anyMatch(execution -> execution.getWorkflowType().equals("SweepWorkflow")), "the root");
      List<WorkflowExecutionMetadata> dacp = client.listExecutions(
          "CptSweep = '" + sweepId + "' AND CptVariant = 'dacp'").toList();
      assertEquals(1, dacp.size(), "the dacp variant's workflow");
      assertEquals("done", dacp.get(0).getTypedSearchAttributes().get(CptSearchAttributes.STAGE));
    } finally {
      stubs.shutdownNow();
    }

    Cli list = Cli.run("list", "--temporal", temporal, "--stage", "done", "--store", STORE, "--s3-endpoint", minio.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.err().isBlank(), "visibility answered, no fallback: " + list.err());
    assertTrue(list.out().contains(sweepId), list.out());
  }

  private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      value = read.get();
    }
    return value;
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  /** {@code cpt} run in this JVM, with what it printed. */
  private record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exitCode = Main.run(new PrintWriter(out), new PrintWriter(err), args);
      return new Cli(exitCode, out.toString(), err.toString());
    }
  }
}
