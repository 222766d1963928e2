package dev.cptflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.cli.chaos.CptProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection flags against a server that demands mutual TLS and an API key, as a hosted cluster does: a
 * {@code cpt worker} process and the CLI run a whole sweep through it, and each missing or wrong credential is
 * refused with one line.
 */
@Tag("slow")
class SecureConnectionTest {
  private static final String API_KEY = "cpt-test-api-key-7f3a";

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static SecuredTemporalServer server;
  private static Path apiKeyFile;
  private static Path spec;

  @BeforeAll
  static void startServer() throws Exception {
    certificates = TestCertificates.write(dir.resolve("tls"));
    server = SecuredTemporalServer.start(certificates, API_KEY);
    apiKeyFile = Files.writeString(dir.resolve("temporal-api-key"), API_KEY + "\n");
    spec = SmallSweepFixture.write(dir, "secure");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aWorkerAndTheCliRunASweepOverMutualTlsWithAnApiKey() throws Exception {
    String store = dir.resolve("store").toString();
    String[] connection = {"--temporal", server.target(), "--tls-ca", certificates.ca().toString(),
        "--tls-cert", certificates.clientCert().toString(), "--tls-key", certificates.clientKey().toString(),
        "--api-key-file", apiKeyFile.toString(), "--store", store};
    try (CptProcesses processes = new CptProcesses(dir)) {
      Process worker = processes.start(CliRunner.args(new String[] {"worker", "--queues", "workflows,cpu,gpu"}, connection));
      processes.awaitOutput(worker, "worker serving", Duration.ofMinutes(1));

      CliRunner submit = CliRunner.run(CliRunner.args(new String[] {"submit"}, connection, new String[] {spec.toString()}));
      assertEquals(0, submit.exitCode(), submit.out() + submit.err());
      String sweepId = submit.out().strip();
      CliRunner status = CliRunner.run(CliRunner.args(new String[] {"status", "--wait"}, connection, new String[] {sweepId}));
      assertEquals(0, status.exitCode(), status.out() + status.err() + processes.output(worker));
      assertTrue(status.out().contains("completed"), status.out());
      assertTrue(Files.isRegularFile(dir.resolve("store/sweeps").resolve(sweepId).resolve("report.md")), "the report");
      assertFalse(processes.output(worker).contains(API_KEY), "the worker never prints the key");
    }
    assertTrue(server.authorizedCalls() > 0, "calls went through the TLS listener with the key");
  }

  @Test
  void anEnvConfigProfileCarriesTheTlsFilesAndTheKey() throws Exception {
    Path profiles = Files.writeString(dir.resolve("temporal.toml"), """
        [profile.hosted]
        address = "%s"
        namespace = "default"
        api_key = "%s"
        [profile.hosted.tls]
        server_ca_cert_path = "%s"
        client_cert_path = "%s"
        client_key_path = "%s"
        """.formatted(server.target(), API_KEY, certificates.ca(), certificates.clientCert(), certificates.clientKey()));
    long authorizedBefore = server.authorizedCalls();
    CliRunner submit = CliRunner.run("submit", "--config-file", profiles.toString(), "--profile", "hosted",
        "--store", dir.resolve("profile-store").toString(), spec.toString());
    assertEquals(0, submit.exitCode(), submit.out() + submit.err());
    assertTrue(server.authorizedCalls() > authorizedBefore, "the sweep was started through the TLS listener with the key");
    // No worker may pick it up later in this class.
    CliRunner cancel = CliRunner.run("cancel", "--config-file", profiles.toString(), "--profile", "hosted",
        submit.out().strip());
    assertEquals(0, cancel.exitCode(), cancel.out() + cancel.err());
  }

  @Test
  void withoutAClientCertificateTheServerRefuses() {
    CliRunner submit = submit("--tls-ca", certificates.ca().toString(), "--api-key-file", apiKeyFile.toString());
    assertOneLineRefusal(submit, "UNAVAILABLE");
    assertTrue(submit.err().contains("the server requires a client certificate, give --tls-cert and --tls-key"), submit.err());
  }

  @Test
  void aServerCertificateOfAnotherCaIsNotTrusted() {
    CliRunner submit = submit("--tls-ca", certificates.otherCa().toString(), "--tls-cert", certificates.clientCert().toString(),
        "--tls-key", certificates.clientKey().toString(), "--api-key-file", apiKeyFile.toString());
    assertOneLineRefusal(submit, "UNAVAILABLE");
    assertTrue(submit.err().contains("unable to find valid certification path"), submit.err());
    assertTrue(submit.err().contains("give the CA that signed it with --tls-ca"), submit.err());
  }

  @Test
  void aWrongApiKeyIsRefused() throws Exception {
    long refusedBefore = server.refusedCalls();
    Path wrongKey = Files.writeString(dir.resolve("wrong-key"), "not-the-key");
    CliRunner submit = submit("--tls-ca", certificates.ca().toString(), "--tls-cert", certificates.clientCert().toString(),
        "--tls-key", certificates.clientKey().toString(), "--api-key-file", wrongKey.toString());
    assertOneLineRefusal(submit, "UNAUTHENTICATED: invalid API key");
    assertTrue(server.refusedCalls() > refusedBefore, "the server saw the call and refused it");
  }

  @Test
  void plainTextToATlsServerIsRefused() {
    assertOneLineRefusal(submit(), "UNAVAILABLE");
  }

  private static CliRunner submit(String... security) {
    return CliRunner.run(CliRunner.args(new String[] {"submit", "--temporal", server.target(), "--store", dir.resolve("store").toString()},
        security, new String[] {spec.toString()}));
  }

  private static void assertOneLineRefusal(CliRunner cli, String status) {
    assertEquals(1, cli.exitCode(), cli.out() + cli.err());
    String error = cli.err().strip();
    assertTrue(error.startsWith("cpt: the Temporal server refused or could not be reached: " + status), error);
    assertEquals(1, error.lines().count(), "one line, no stack trace: " + error);
  }
}
