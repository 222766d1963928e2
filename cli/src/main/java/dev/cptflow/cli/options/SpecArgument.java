package dev.cptflow.cli.options;

import dev.cptflow.cli.SpecFiles;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The sweep spec a command reads: its one positional argument. */
public class SpecArgument {
  @Parameters(paramLabel = "SPEC", description = "The sweep spec (YAML).")
  Path specPath;

  public Path path() {
    return specPath;
  }

  /** The spec, loaded against this build's metrics; a bad spec is one line per problem. */
  public SpecFiles.SpecFile read() {
    return SpecFiles.read(specPath);
  }
}
