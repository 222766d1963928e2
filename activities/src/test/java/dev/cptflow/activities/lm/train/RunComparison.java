package dev.cptflow.activities.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.lm.safetensors.SafetensorsFile;
import dev.cptflow.activities.lm.safetensors.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares two training runs: same steps and learning rates exactly, losses and final weights within a
 * tolerance. Bit-identity holds in most runs here, but about one CPU run in five drifts in the last
 * float digits from a random step on, even without a resume (see docs/architecture.md), so the tests
 * assert agreement (losses and weights within 1e-3) far tighter than a resume bug (a wrong
 * cursor, lost moments) gives.
 */
public final class RunComparison {
  public static final double LOSS_TOLERANCE = 1e-3;
  public static final double WEIGHT_TOLERANCE = 1e-3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunComparison() {}

  public static void assertSameLosses(Path expected, Path actual) throws Exception {
    List<String> expectedLines = Files.readAllLines(expected);
    List<String> actualLines = Files.readAllLines(actual);
    assertEquals(expectedLines.size(), actualLines.size(), "logged steps");
    for (int i = 0; i < expectedLines.size(); i++) {
      JsonNode want = JSON.readTree(expectedLines.get(i));
      JsonNode got = JSON.readTree(actualLines.get(i));
      assertEquals(want.get("step").asInt(), got.get("step").asInt());
      if (want.has("lr")) {
        assertEquals(want.get("lr").asDouble(), got.get("lr").asDouble(), "lr at line " + i);
      }
      var fields = want.fieldNames();
      while (fields.hasNext()) {
        String field = fields.next();
        if (!field.equals("step") && !field.equals("lr")) {
          assertEquals(want.get(field).asDouble(), got.get(field).asDouble(), LOSS_TOLERANCE, field + " at line " + i);
        }
      }
    }
  }

  public static void assertSameWeights(Path expected, Path actual) throws Exception {
    try (SafetensorsFile want = SafetensorsFile.open(expected); SafetensorsFile got = SafetensorsFile.open(actual)) {
      assertEquals(want.tensors().size(), got.tensors().size());
      for (TensorInfo tensor : want.tensors()) {
        float[] a = want.readFloats(tensor.name());
        float[] b = got.readFloats(tensor.name());
        assertEquals(a.length, b.length, tensor.name());
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
          worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertEquals(0.0, worst, WEIGHT_TOLERANCE, tensor.name());
      }
    }
  }
}
