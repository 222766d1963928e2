package dev.cptflow.workflows.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shows an experiment graph to people: as text for the terminal, as Graphviz DOT, and as stable JSON. */
public final class GraphRenderer {

  /** The parameters worth a glance per stage; the rest are in {@link #json}. */
  private static final Map<Stage, List<String>> SUMMARY_KEYS = Map.of(
      Stage.INGEST, List.of("shard_docs", "max_docs"),
      Stage.SCORE, List.of("embedder", "proxy", "max_tokens", "tagger"),
      Stage.SELECT, List.of("sampling", "metrics", "weights", "budget", "budget_docs"),
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
      fields.put("cache_key", node.cacheKey());
      nodes.add(fields);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sweep", graph.sweepName());
    root.put("seed", graph.seed());
    root.put("graph_key", graph.graphKey());
    root.put("nodes", nodes);
    return CanonicalJson.pretty(root);
  }

  private static String summary(PlanNode node) {
    return SUMMARY_KEYS.get(node.stage()).stream()
        .filter(node.params()::containsKey)
        .map(key -> key + "=" + node.params().get(key))
        .collect(Collectors.joining(" "));
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
