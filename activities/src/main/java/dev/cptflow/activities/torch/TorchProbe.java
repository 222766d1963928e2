package dev.cptflow.activities.torch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an interpreter's PyTorch can train on, as {@code python -m cpt_torch.probe} says: a worker asks once at start
 * whether it can serve the torch engine, and with how many GPUs.
 *
 * @param error why not, when {@code ok} is false
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TorchProbe(boolean ok, String python, String torch, int cudaDevices, String deviceName, String error) {
  /** What a machine without it needs; the tests' skip messages say it too. */
  public static final String INSTALL_HINT = "on Debian: apt-get install -y --no-install-recommends python3-torch "
      + "libopenblas0-pthread (then use /usr/bin/python3); elsewhere: pip install torch";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** Runs the probe with {@code interpreter}; a missing interpreter or torch is a probe that says so. */
  public static TorchProbe run(Path interpreter, TorchTrainerFiles files) {
    try {
      Process process = new ProcessBuilder(interpreter.toString(), "-m", "cpt_torch.probe")
          .directory(files.dir().toFile())
          .redirectErrorStream(true)
          .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return failed(interpreter, "the probe did not finish in 120 s");
      }
      List<String> lines = output.lines().toList();
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
      if (!last.startsWith("{")) {
        return failed(interpreter, output.isEmpty() ? "exit status " + process.exitValue() : last);
      }
      return JSON.readValue(last, TorchProbe.class);
    } catch (IOException e) {
      return failed(interpreter, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(interpreter, "interrupted");
    }
  }

  private static TorchProbe failed(Path interpreter, String why) {
    return new TorchProbe(false, interpreter.toString(), null, 0, null, why);
  }

  /** Devices one training job uses by default: every GPU, or one CPU process. */
  public int devices() {
    return Math.max(1, cudaDevices);
  }

  /** {@code PyTorch 2.4.0 with 8 × NVIDIA H100}, or why this interpreter cannot train. */
  public String describe() {
    if (!ok) {
      return "no torch engine (" + error + ")";
    }
    return "PyTorch " + torch + " (Python " + python + ") with " + (cudaDevices > 0 ? cudaDevices + " × " + deviceName : "the CPU");
  }
}
