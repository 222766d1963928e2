package dev.cptflow.cli.commands;

import dev.cptflow.cli.SpecFiles;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.spec.SpecExplainer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a sweep spec. Every problem is one line: file:line: field.path: rule.")
public class ValidateCommand extends CommandBase {
  @Parameters(paramLabel = "SPEC", description = "The sweep spec (YAML).")
  Path specPath;

  @Option(names = "--explain", description = "Print the spec with every default filled in and marked.")
  boolean explain;

  @Override
  public Integer call() {
    SpecFiles.SpecFile spec = SpecFiles.read(specPath);
    ExperimentGraph graph = spec.plan();
    if (explain) {
      out().print(SpecExplainer.explain(spec.loaded()));
    }
    long variants = graph.nodes().stream().map(node -> node.variant()).filter(v -> v != null).distinct().count();
    out().println(
        (explain ? "# " : "") + specPath + ": ok (" + variants + " variants, " + graph.nodes().size() + " graph nodes)");
    return 0;
  }
}
