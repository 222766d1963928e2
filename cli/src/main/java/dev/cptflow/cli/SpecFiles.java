package dev.cptflow.cli;

import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.plan.Planner;
import dev.cptflow.workflows.spec.LoadedSpec;
import dev.cptflow.workflows.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a spec file for a command, with the file named in every error, against this build's metrics. */
public final class SpecFiles {
  /** The metrics every command of this build knows. */
  public static final MetricRegistry METRICS = MetricRegistry.builtin();

  private SpecFiles() {}

  public record SpecFile(LoadedSpec loaded, String text) {
    /** The spec's graph, planned with {@link #METRICS}. */
    public ExperimentGraph plan() {
      return Planner.plan(loaded.spec(), METRICS);
    }
  }

  public static SpecFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new UserError(path + ": no such spec file");
    }
    try {
      String text = Files.readString(path);
      return new SpecFile(SpecLoader.parse(text, path.toString(), METRICS), text);
    } catch (MalformedInputException e) {
      throw new UserError(path + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UserError(path + ": cannot read: " + e.getMessage());
    }
  }
}
