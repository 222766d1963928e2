package dev.cptflow.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stages see the stage contract only: activities' main code imports {@code workflows.api} and nothing else of the
 * workflows module (not the planner, the workflows or the spec), and the corpus readers do not know the demo data.
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dev/cptflow/activities");

  @Test
  void activitiesImportOnlyTheWorkflowsApi() throws IOException {
    List<String> offending = imports(MAIN, "import dev.cptflow.workflows.")
        .stream().filter(line -> !line.contains("import dev.cptflow.workflows.api.")).toList();
    assertEquals(List.of(), offending);
  }

  @Test
  void theCorpusDoesNotKnowTheDemo() throws IOException {
    assertEquals(List.of(), imports(MAIN.resolve("corpus"), "import dev.cptflow.activities.demo."));
  }

  /** {@code file: import line} for every import under {@code dir} that starts with {@code prefix}. */
  private static List<String> imports(Path dir, String prefix) throws IOException {
    assertTrue(Files.isDirectory(dir), dir + " (tests run from the activities module)");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith(prefix)) {
            found.add(MAIN.relativize(file) + ": " + line);
          }
        }
      }
    }
    return found;
  }
}
