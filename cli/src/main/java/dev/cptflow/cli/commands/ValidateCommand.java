package dev.cptflow.cli.commands;

import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.options.SpecArgument;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.spec.SpecExplainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a sweep spec. Every problem is one line: file:line: field.path: rule.")
public class ValidateCommand extends CommandBase {
  @Mixin SpecArgument spec;

  @Option(names = "--explain", description = "Print the spec with every default filled in and marked.")
  boolean explain;

  @Override
  public Integer call() {
    SpecFiles.SpecFile loaded = spec.read();
    ExperimentGraph graph = loaded.plan();
    if (explain) {
      out().print(SpecExplainer.explain(loaded.loaded()));
    }
    long variants = graph.nodes().stream().map(node -> node.variant()).filter(v -> v != null).distinct().count();
    out().println(
        (explain ? "# " : "") + spec.path() + ": ok (" + variants + " variants, " + graph.nodes().size() + " graph nodes)");
    return 0;
  }
}
