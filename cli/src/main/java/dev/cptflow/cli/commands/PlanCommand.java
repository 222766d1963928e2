package dev.cptflow.cli.commands;

import dev.cptflow.cli.SpecFiles;
import dev.cptflow.workflows.plan.ExperimentGraph;
import dev.cptflow.workflows.plan.GraphRenderer;
import dev.cptflow.workflows.plan.Planner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the experiment graph of a spec: shared nodes, dependencies and cache keys.")
public class PlanCommand implements Callable<Integer> {
  enum Format { text, dot, json }

  @Parameters(paramLabel = "SPEC", description = "The sweep spec (YAML).")
  Path specPath;

  @Option(names = "--format", defaultValue = "text", showDefaultValue = Visibility.ALWAYS,
      description = "text, dot (Graphviz) or json.")
  Format format;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    ExperimentGraph graph = Planner.plan(SpecFiles.read(specPath).loaded().spec());
    String rendered = switch (format) {
      case text -> GraphRenderer.text(graph);
      case dot -> GraphRenderer.dot(graph);
      case json -> GraphRenderer.json(graph);
    };
    command.commandLine().getOut().print(rendered.endsWith("\n") ? rendered : rendered + "\n");
    return 0;
  }
}
