package dev.cptflow.activities.torch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/**
 * The torch engine the tests run, with {@code /usr/bin/python3}; a machine without PyTorch skips them, saying how to
 * install it (on stderr too, so a skip is never silent).
 */
public final class TorchEngineForTests {
  private static TorchRuntime probed;

  private TorchEngineForTests() {}

  /** The engine with its default launcher for this host, or the test is skipped. */
  public static synchronized TorchRuntime runtime() {
    if (probed == null) {
      probed = TorchRuntime.prepare(TorchRuntime.DEFAULT_PYTHON, null, null);
    }
    if (!probed.probe().ok()) {
      String message = "torch tests skipped: " + TorchRuntime.DEFAULT_PYTHON + " cannot import torch ("
          + probed.probe().error() + "); install it: " + TorchProbe.INSTALL_HINT;
      System.err.println(message);
      assumeTrue(false, message);
    }
    return probed;
  }


  /** The trainer's sources in the repository, where its Python tests live. */
  public static Path sources() {
    return Path.of("..", "trainers", "torch").toAbsolutePath().normalize();
  }
}
