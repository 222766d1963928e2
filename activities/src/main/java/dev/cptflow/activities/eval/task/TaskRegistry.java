package dev.cptflow.activities.eval.task;

import dev.cptflow.workflows.api.stage.EvalSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tasks a run can use: the built-in ones, shipped in the jar as {@code tasks/<name>.yaml}, and any
 * {@code <name>.yaml} in an override directory, which replaces a built-in task of the same name or adds a new one.
 */
public final class TaskRegistry {
  private static final String RESOURCES = "/dev/cptflow/activities/eval/tasks/";

  private final Map<String, TaskConfig> tasks;

  private TaskRegistry(Map<String, TaskConfig> tasks) {
    this.tasks = tasks;
  }

  public static TaskRegistry builtIn() {
    return withOverrides(null);
  }

  /** @param overrides a directory of task files, or null */
  public static TaskRegistry withOverrides(Path overrides) {
    Map<String, TaskConfig> tasks = new TreeMap<>();
    for (String name : EvalSuite.knownTasks()) {
      tasks.put(name, TaskLoader.load("jar:tasks/" + name + ".yaml", resource(name)));
    }
    if (overrides != null) {
      for (Path file : yamlFiles(overrides)) {
        TaskConfig task = TaskLoader.load(file.toString(), read(file));
        String expected = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!task.name().equals(expected)) {
          throw new TaskDefinitionException(file + ":1: field 'task': '" + task.name()
              + "' must match the file name ('" + expected + "')");
        }
        tasks.put(task.name(), task);
      }
    }
    return new TaskRegistry(Map.copyOf(tasks));
  }

  public TaskConfig task(String name) {
    TaskConfig task = tasks.get(name);
    if (task == null) {
      throw new IllegalArgumentException("unknown task '" + name + "' (known: " + String.join(", ", new TreeMap<>(tasks).keySet())
          + "; suites: " + String.join(", ", Stream.of(EvalSuite.values()).map(EvalSuite::key).toList()) + ")");
    }
    return task;
  }

  /** Task and suite names ({@code finance}, {@code general}) expanded into task names, in order, once each. */
  public List<String> expand(List<String> names) {
    Set<String> expanded = new LinkedHashSet<>();
    for (String name : names) {
      EvalSuite suite = Stream.of(EvalSuite.values()).filter(s -> s.key().equals(name)).findFirst().orElse(null);
      if (suite != null) {
        expanded.addAll(suite.tasks());
      } else {
        expanded.add(task(name).name());
      }
    }
    return new ArrayList<>(expanded);
  }

  private static String resource(String name) {
    try (InputStream in = TaskRegistry.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("built-in task file tasks/" + name + ".yaml is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("task directory " + dir + " does not exist");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
