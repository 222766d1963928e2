package dev.cptflow.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRendererTest {
  private static final MetricRegistry METRICS = MetricRegistry.builtin();

  private static final ExperimentGraph GRAPH =
      Planner.plan(SpecLoader.load(Path.of("src/test/resources/paper-sweep.yaml"), METRICS).spec(), METRICS);

  @Test
  void textShowsOneSimilarityNodeFeedingHardAndSoft() {
    String text = GraphRenderer.text(GRAPH);
    assertTrue(text.startsWith("sweep finpythia-1b: " + GRAPH.nodes().size() + " nodes, graph "
        + GRAPH.graphKey().substring(0, 8) + "\n"), text);
    List<String> simLines = text.lines().filter(line -> line.trim().startsWith("score/sim ")).toList();
    assertEquals(1, simLines.size(), text);
    String simLine = simLines.get(0);
    assertTrue(simLine.contains("[" + GRAPH.node("score/sim").shortKey() + "]"), simLine);
    assertTrue(simLine.endsWith("→ select/ets-dacp-hard, select/ets-dacp-soft, select/ets-dacp-com-hard, report"), simLine);
  }

  @Test
  void dotHasAnEdgePerInput() {
    String dot = GraphRenderer.dot(GRAPH);
    long edges = dot.lines().filter(line -> line.contains(" -> ")).count();
    assertEquals(GRAPH.nodes().stream().mapToLong(node -> node.upstream().size()).sum(), edges);
    assertTrue(dot.contains("  \"score/sim\" -> \"select/ets-dacp-soft\";\n"), dot);
  }

  @Test
  void jsonIsStableAndCarriesEveryKey() {
    String json = GraphRenderer.json(GRAPH);
    assertEquals(json, GraphRenderer.json(Planner.plan(SpecLoader.load(
        Path.of("src/test/resources/paper-sweep.yaml"), METRICS).spec(), METRICS)));
    GRAPH.nodes().forEach(node -> assertTrue(json.contains("\"cache_key\": \"" + node.cacheKey() + "\""), node.id()));
  }
}
