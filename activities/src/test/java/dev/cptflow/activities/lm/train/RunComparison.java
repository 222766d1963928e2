package dev.cptflow.activities.lm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cptflow.activities.lm.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares two CPU training runs exactly: the same log lines (steps, losses and learning rates, to the last
 * digit) and the same final weights, byte for byte.
 */
public final class RunComparison {
  private RunComparison() {}

  public static void assertSameLosses(Path expected, Path actual) throws Exception {
    assertEquals(Files.readAllLines(expected), Files.readAllLines(actual), "log " + actual.getFileName());
  }

  public static void assertSameWeights(Path expectedModel, Path actualModel) throws Exception {
    assertArrayEquals(Files.readAllBytes(expectedModel.resolve(ModelFiles.WEIGHTS)),
        Files.readAllBytes(actualModel.resolve(ModelFiles.WEIGHTS)), "weights of " + actualModel);
  }
}
