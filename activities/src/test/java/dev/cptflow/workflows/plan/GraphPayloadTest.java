package dev.cptflow.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.spec.SpecLoader;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The graph is a workflow argument: Temporal's default (Jackson) converter must carry it unchanged and small. */
class GraphPayloadTest {
  private static final MetricRegistry METRICS = MetricRegistry.builtin();

  @Test
  void survivesTemporalsDataConverter() {
    ExperimentGraph graph = Planner.plan(SpecLoader.load(Path.of("src/test/resources/paper-sweep.yaml"), METRICS).spec(), METRICS);
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    Payload payload = converter.toPayload(graph).orElseThrow();
    ExperimentGraph back = converter.fromPayload(payload, ExperimentGraph.class, ExperimentGraph.class);
    assertEquals(graph, back);
    assertEquals(graph.graphKey(), back.graphKey());
    assertTrue(payload.getSerializedSize() < 256 * 1024, "payload " + payload.getSerializedSize() + " bytes");
  }
}
