package dev.cptflow.activities.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Compares two training runs by their logs: the same steps and learning rates exactly, training and
 * held-out losses within 2e-3. Bit-identity holds in most runs, but some CPU runs drift in the last
 * float digits from a random step on, even without a resume (docs/architecture.md), and Adam turns that
 * noise into lr-sized differences on weights whose gradients are near zero, so weights are not compared
 * byte for byte. A resume that lost the moments, the data cursor or the LR step moves the losses by far
 * more than this.
 */
public final class RunComparison {
  public static final double LOSS_TOLERANCE = 2e-3;
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
      for (Iterator<String> fields = want.fieldNames(); fields.hasNext(); ) {
        String field = fields.next();
        if (!field.equals("step") && !field.equals("lr")) {
          assertEquals(want.get(field).asDouble(), got.get(field).asDouble(), LOSS_TOLERANCE, field + " at line " + i);
        }
      }
    }
  }
}
