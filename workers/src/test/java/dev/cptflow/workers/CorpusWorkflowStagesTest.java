package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workers.testing.TinyBaseModel;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.PartRequest;
import dev.cptflow.workflows.api.RunTuning;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.flow.CorpusWorkflow;
import dev.cptflow.workflows.plan.Planner;
import dev.cptflow.workflows.spec.SpecLoader;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus part of a sweep with the production ingest and score activities: 50 shards, 3 metrics. */
class CorpusWorkflowStagesTest {
  @TempDir Path dir;

  @Test
  void ingestsAndScoresFiftyShardsWithThreeMetrics() throws Exception {
    Path model = TinyBaseModel.write(dir);
    List<String> corpus = new ArrayList<>();
    String[] topics = {"the bank raised its quarterly dividend after profit rose", "stir the sauce and bake the cake for an hour"};
    for (int i = 0; i < 500; i++) {
      corpus.add("{\"text\": \"" + topics[i % 2] + " item " + i + "\"}");
    }
    Files.write(dir.resolve("corpus.jsonl"), corpus);
    Files.write(dir.resolve("tasks.jsonl"), List.of("{\"text\": \"bank profit and dividend guidance\"}"));
    String spec = """
        name: corpus-stages
        model: {base: %s, embedder: "builtin:hashed-ngrams"}
        corpus: [{uri: "%s"}]
        task_data: [{name: fpb, uri: "%s"}]
        heldout: {domain_fraction: 0}
        ingest: {shard_docs: 10}
        selection: {max_score_tokens: 64}
        evaluation: {suites: [finance]}
        variants:
          - {name: ets-dacp}
          - {name: eta-dacp-ppl}
          - {name: eta-dacp-ent}
        """.formatted(model, dir.resolve("corpus.jsonl"), dir.resolve("tasks.jsonl"));
    MetricRegistry metrics = MetricRegistry.builtin();
    ExperimentGraph graph = Planner.plan(SpecLoader.parse(spec, "spec.yaml", metrics).spec(), metrics);
    String storeUri = "file:" + dir.resolve("store");

    try (EmbeddedTemporal server = EmbeddedTemporal.start(); StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      WorkflowClient client = WorkflowClient.newInstance(server.stubs());
      WorkerHost workers = WorkerHost.start(client, EnumSet.allOf(TaskQueues.class), new ProductionActivities(stores), new WorkerSlots(2, 1));
      try {
        CorpusWorkflow corpusWorkflow = client.newWorkflowStub(CorpusWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("cpt/test/corpus").setTaskQueue(TaskQueues.WORKFLOWS.queueName()).build());
        GraphPart part = graph.parts().get(0);
        SortedMap<String, StageResult> results = corpusWorkflow.run(new PartRequest("test", storeUri, part,
            graph.nodes(part.nodeIds()), new TreeMap<>(), new RunTuning(60, 200, 3, 20, 40)));

        IngestOutput ingested = results.get(NodeIds.ingest(IngestSet.CORPUS)).output(IngestOutput.class);
        assertEquals(50, ingested.shards());
        assertEquals(500, ingested.docs());
        ArtifactStore store = stores.open(storeUri);
        for (String metric : List.of("sim", "ppl", "ent")) {
          StageResult score = results.get(NodeIds.score(metric));
          ScoreOutput scored = score.output(ScoreOutput.class);
          assertEquals(500, scored.docs(), metric);
          assertEquals(50, scored.shards(), metric);
          assertTrue(score.shown("max", 0) >= score.shown("p50", 0) && score.shown("p50", 0) >= score.shown("min", 0), metric);
          for (int shard = 0; shard < 50; shard++) {
            assertTrue(store.exists(scored.tableKey(shard)), metric + " shard " + shard);
          }
          assertTrue(store.list(score.outputPrefix() + "/parts").isEmpty(), "parts are cleared once a shard is done");
        }
        Path firstSim = dir.resolve("store").resolve(results.get("score/sim").output(ScoreOutput.class).tableKey(0));
        Map<String, Double> sim = new TreeMap<>();
        ScoreTables.read(firstSim, "sim").forEach(row -> sim.put(row.id(), row.score()));
        assertEquals(10, sim.size());
        assertTrue(sim.values().stream().distinct().count() > 1, "finance and recipe documents score differently");
      } finally {
        workers.shutdown(Duration.ofSeconds(5));
      }
    }
  }
}
