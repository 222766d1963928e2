package dev.cptflow.cli.commands;

import dev.cptflow.cli.options.SpecArgument;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.plan.GraphRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the experiment graph of a spec: shared nodes, dependencies and cache keys.")
public class PlanCommand extends CommandBase {
  enum Format { text, dot, json }

  @Mixin SpecArgument spec;

  @Option(names = "--format", defaultValue = "text", showDefaultValue = Visibility.ALWAYS,
      description = "text, dot (Graphviz) or json.")
  Format format;

  @Override
  public Integer call() {
    ExperimentGraph graph = spec.read().plan();
    String rendered = switch (format) {
      case text -> GraphRenderer.text(graph);
      case dot -> GraphRenderer.dot(graph);
      case json -> GraphRenderer.json(graph);
    };
    out().print(rendered.endsWith("\n") ? rendered : rendered + "\n");
    return 0;
  }
}
