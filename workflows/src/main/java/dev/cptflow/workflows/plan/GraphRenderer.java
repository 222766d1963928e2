package dev.cptflow.workflows.plan;

import dev.cptflow.workflows.api.CanonicalJson;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.stage.RankedMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shows an experiment graph to people: as text for the terminal, as Graphviz DOT, and as stable JSON. */
public final class GraphRenderer {

  /** The parameters worth a glance per stage; the rest are in {@link #json}. */
  private static final Map<Stage, List<String>> SUMMARY_KEYS = Map.of(
      Stage.INGEST, List.of("shard_docs", "max_docs"),
      Stage.SCORE, List.of("settings"),
      Stage.SELECT, List.of("kind", "sampling", "metrics", "budget", "budget_docs"),
      Stage.PACK, List.of("seq_len"),
      Stage.TRAIN, List.of("lr", "epochs"),
      Stage.EVAL, List.of("shots"),
      Stage.REPORT, List.of());

  private GraphRenderer() {}

  /**
   * One line per node, grouped by stage: short key, a few parameters, and the nodes that read it, so a shared
   * node shows once with all its readers.
   */
  public static String text(ExperimentGraph graph) {
    int idWidth = graph.nodes().stream().mapToInt(node -> node.id().length()).max().orElse(0);
    StringBuilder out = new StringBuilder()
        .append("sweep ").append(graph.sweepName()).append(": ").append(graph.nodes().size())
        .append(" nodes, graph ").append(graph.graphKey(), 0, 8).append('\n');
    for (Stage stage : Stage.values()) {
      List<PlanNode> nodes = graph.ofStage(stage);
      if (nodes.isEmpty()) {
        continue;
      }
      out.append(stage.key()).append('\n');
      for (PlanNode node : nodes) {
        out.append("  ").append(pad(node.id(), idWidth)).append(" [").append(node.shortKey()).append(']');
        String summary = summary(node);
        if (!summary.isEmpty()) {
          out.append("  ").append(summary);
        }
        List<String> readers = graph.downstream(node.id());
        if (!readers.isEmpty()) {
          out.append("  → ").append(String.join(", ", readers));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  public static String dot(ExperimentGraph graph) {
    StringBuilder out = new StringBuilder()
        .append("digraph ").append(quote(graph.sweepName())).append(" {\n")
        .append("  rankdir=LR;\n")
        .append("  node [shape=box, fontname=\"monospace\"];\n");
    for (Stage stage : Stage.values()) {
      List<PlanNode> nodes = graph.ofStage(stage);
      if (nodes.isEmpty()) {
        continue;
      }
      out.append("  subgraph cluster_").append(stage.key()).append(" {\n")
          .append("    label=").append(quote(stage.key())).append(";\n");
      for (PlanNode node : nodes) {
        out.append("    ").append(quote(node.id()))
            .append(" [label=\"").append(escape(node.id())).append("\\n").append(node.shortKey()).append("\"];\n");
      }
      out.append("  }\n");
    }
    for (PlanNode node : graph.nodes()) {
      for (String input : node.upstream()) {
        out.append("  ").append(quote(input)).append(" -> ").append(quote(node.id())).append(";\n");
      }
    }
    return out.append("}\n").toString();
  }

  /** The whole graph, keys sorted and indented: diffable between plans. */
  public static String json(ExperimentGraph graph) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (PlanNode node : graph.nodes()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", node.id());
      fields.put("stage", node.stage().key());
      if (node.variant() != null) {
        fields.put("variant", node.variant());
      }
      fields.put("params", node.params());
      fields.put("upstream", node.upstream());
      fields.put("queue", node.queue().shortName());
      fields.put("cache_key", node.cacheKey());
      nodes.add(fields);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sweep", graph.sweepName());
    root.put("seed", graph.seed());
    root.put("graph_key", graph.graphKey());
    root.put("nodes", nodes);
    List<Map<String, Object>> parts = new ArrayList<>();
    for (GraphPart part : graph.parts()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("part", part.label());
      fields.put("nodes", part.nodeIds());
      parts.add(fields);
    }
    root.put("parts", parts);
    return CanonicalJson.pretty(root);
  }

  private static String summary(PlanNode node) {
    Map<String, Object> params = CanonicalJson.components((Record) node.params());
    List<String> parts = new ArrayList<>();
    for (String key : SUMMARY_KEYS.get(node.stage())) {
      Object value = params.get(key);
      if (value instanceof Map<?, ?> settings) {
        settings.forEach((name, setting) -> parts.add(name + "=" + shown(setting)));
      } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof RankedMetric) {
        parts.add(key + "=" + list.stream().map(metric -> ((RankedMetric) metric).metric()).toList());
      } else if (value != null) {
        parts.add(key + "=" + shown(value));
      }
    }
    return String.join(" ", parts);
  }

  private static String shown(Object value) {
    return value instanceof Map<?, ?> || value instanceof List<?> || value instanceof Record
        ? CanonicalJson.write(value) : CanonicalJson.scalar(value);
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  private static String quote(String text) {
    return "\"" + escape(text) + "\"";
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
