package dev.cptflow.activities.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The torch trainer's own Python tests (trainers/torch/tests, unittest), run as part of the build. */
class TorchTrainerUnitTest {
  @Test
  void thePythonTestsPass() throws Exception {
    TorchRuntime runtime = TorchEngineForTests.runtime();
    ProcessBuilder builder = new ProcessBuilder(runtime.python().toString(), "-m", "unittest", "discover", "-s", "tests", "-t", ".")
        .directory(TorchEngineForTests.sources().toFile())
        .redirectErrorStream(true);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // nothing written into the source tree
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("OK"), output);
    System.err.println("torch trainer unit tests: " + output.lines().filter(line -> line.startsWith("Ran ")).findFirst().orElse(""));
  }
}
