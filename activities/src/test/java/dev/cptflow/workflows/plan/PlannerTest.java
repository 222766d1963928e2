package dev.cptflow.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.GraphPart;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.HeldoutEvalParams;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.RankedMetric;
import dev.cptflow.workflows.api.stage.Sampling;
import dev.cptflow.workflows.api.stage.ScoreParams;
import dev.cptflow.workflows.api.stage.SelectParams;
import dev.cptflow.workflows.api.stage.SelectionKind;
import dev.cptflow.workflows.api.stage.TaskEvalParams;
import dev.cptflow.workflows.api.stage.TrainEngine;
import dev.cptflow.workflows.api.stage.TrainParams;
import dev.cptflow.workflows.spec.SpecLoader;
import dev.cptflow.workflows.spec.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final MetricRegistry METRICS = MetricRegistry.builtin();

  private static final Path PAPER_SWEEP = Path.of("src/test/resources/paper-sweep.yaml");

  private static ExperimentGraph plan(String yaml) {
    return Planner.plan(SpecLoader.parse(yaml, "paper-sweep.yaml", METRICS).spec(), METRICS);
  }

  private static String paperYaml() throws Exception {
    return Files.readString(PAPER_SWEEP);
  }

  private static Map<String, String> keys(ExperimentGraph graph) {
    return graph.nodes().stream().collect(Collectors.toMap(PlanNode::id, PlanNode::cacheKey));
  }

  /** The ids of nodes whose key differs between two plans with the same nodes. */
  private static Set<String> changedKeys(ExperimentGraph before, ExperimentGraph after) {
    Map<String, String> old = keys(before);
    assertEquals(old.keySet(), keys(after).keySet());
    return after.nodes().stream()
        .filter(node -> !node.cacheKey().equals(old.get(node.id())))
        .map(PlanNode::id)
        .collect(Collectors.toSet());
  }

  @Test
  void sharesOneSimilarityScoreBetweenHardAndSoft() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    assertEquals(List.of("score/sim", "score/ppl", "score/ent"),
        graph.ofStage(Stage.SCORE).stream().map(PlanNode::id).toList());
    assertTrue(graph.downstream("score/sim").containsAll(List.of("select/ets-dacp-hard", "select/ets-dacp-soft")));
    assertEquals(List.of("select/eta-dacp-ppl-hard", "select/ets-dacp-com-hard", "report"), graph.downstream("score/ppl"),
        "the report reads the score tables for its histograms");
    assertEquals(List.of("ingest/corpus", "ingest/tasks"), graph.node("score/sim").upstream());
  }

  @Test
  void wiresEachVariantFromSelectionToEvaluation() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    assertEquals(List.of("ingest/tasks"), graph.node("select/tacp").upstream());
    assertEquals(List.of("ingest/tasks", "select/tacp"), graph.node("pack/tacp").upstream());
    assertEquals(List.of("ingest/corpus"), graph.node("select/dacp").upstream());
    assertEquals(List.of("ingest/corpus", "ingest/general", "pack/ets-dacp-soft"),
        graph.node("train/ets-dacp-soft").upstream());
    assertEquals(List.of("train/ets-dacp-soft"), graph.node("eval/ets-dacp-soft/finance").upstream());
    assertEquals("ets-dacp-soft", graph.node("eval/ets-dacp-soft/finance").variant());
    SelectParams dacp = graph.node("select/dacp").params(SelectParams.class);
    assertEquals(SelectionKind.ALL, dacp.kind());
    assertNull(dacp.sampling());
    assertEquals(Sampling.SOFT, graph.node("select/ets-dacp-soft").params(SelectParams.class).sampling());
    assertEquals(List.of("fpb", "fiqasa", "headlines", "ner"),
        graph.node("eval/dacp/finance").params(TaskEvalParams.class).tasks());
  }

  @Test
  void evaluatesTheBaseModelAsNodes() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    for (String suite : List.of("finance", "general", "heldout")) {
      PlanNode base = graph.node("eval/base/" + suite);
      assertEquals("s3://models/pythia-1b", ((dev.cptflow.workflows.api.stage.EvalParams) base.params()).baseModel());
      assertNull(base.variant());
      assertTrue(graph.downstream(base.id()).contains("report"));
    }
    assertEquals(List.of("ingest/corpus", "ingest/general"), graph.node("eval/base/heldout").upstream());
  }

  @Test
  void ordersNodesSoInputsComeFirst() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    List<String> order = graph.nodes().stream().map(PlanNode::id).toList();
    for (PlanNode node : graph.nodes()) {
      node.upstream().forEach(input -> assertTrue(order.indexOf(input) < order.indexOf(node.id()), node.id()));
      assertTrue(node.cacheKey().matches("[0-9a-f]{64}"));
    }
    assertEquals("report", order.get(order.size() - 1));
  }

  @Test
  void plansTheSameKeysTwice() throws Exception {
    ExperimentGraph first = plan(paperYaml());
    ExperimentGraph second = Planner.plan(SpecLoader.load(PAPER_SWEEP, METRICS).spec(), METRICS);
    assertEquals(first, second);
    assertEquals(first.graphKey(), second.graphKey());
  }

  @Test
  void changingOneVariantsBudgetChangesOnlyItsOwnKeys() throws Exception {
    ExperimentGraph before = plan(paperYaml());
    ExperimentGraph after = plan(paperYaml().replace("{name: eta-dacp-ent, sampling: hard}",
        "{name: eta-dacp-ent, sampling: hard, budget: 0.2}"));
    assertEquals(Set.of("select/eta-dacp-ent-hard", "pack/eta-dacp-ent-hard", "train/eta-dacp-ent-hard",
        "eval/eta-dacp-ent-hard/finance", "eval/eta-dacp-ent-hard/general", "eval/eta-dacp-ent-hard/heldout",
        "report"), changedKeys(before, after));
  }

  @Test
  void renamingAVariantsSamplingKeepsSharedNodes() throws Exception {
    ExperimentGraph before = plan(paperYaml());
    ExperimentGraph after = plan(paperYaml().replace("{name: ets-dacp-com, sampling: hard}",
        "{name: ets-dacp-com, sampling: soft}"));
    for (Stage shared : List.of(Stage.INGEST, Stage.SCORE)) {
      assertEquals(before.ofStage(shared), after.ofStage(shared));
    }
    Map<String, String> beforeKeys = keys(before);
    after.nodes().stream()
        .filter(node -> !"ets-dacp-com-soft".equals(node.variant()) && !node.id().equals("report"))
        .forEach(node -> assertEquals(beforeKeys.get(node.id()), node.cacheKey(), node.id()));
    assertNotEquals(beforeKeys.get("report"), after.node("report").cacheKey());
    assertFalse(keys(after).containsKey("select/ets-dacp-com-hard"));
    assertEquals(Sampling.SOFT, after.node("select/ets-dacp-com-soft").params(SelectParams.class).sampling());
    for (String stage : List.of("select", "pack", "train")) {
      assertNotEquals(beforeKeys.get(stage + "/ets-dacp-com-hard"), after.node(stage + "/ets-dacp-com-soft").cacheKey());
    }
  }

  @Test
  void changingLearningRateChangesTrainingAndVariantEvaluationOnly() throws Exception {
    ExperimentGraph before = plan(paperYaml());
    ExperimentGraph after = plan(paperYaml().replace("lr: 1.2e-5", "lr: 3.0e-5"));
    Set<String> changed = changedKeys(before, after);
    for (PlanNode node : after.nodes()) {
      boolean variantWork = node.variant() != null && (node.stage() == Stage.TRAIN || node.stage() == Stage.EVAL);
      boolean expected = variantWork || node.stage() == Stage.REPORT;
      assertEquals(expected, changed.contains(node.id()), node.id());
    }
  }

  @Test
  void torchTrainingGoesToTheTorchQueueUnderItsOwnKeys() throws Exception {
    ExperimentGraph djl = plan(paperYaml());
    ExperimentGraph torch = plan(paperYaml().replace("schedule: cosine,", "schedule: cosine, engine: torch,"));
    assertEquals(TrainEngine.DJL, djl.node("train/dacp").params(TrainParams.class).engine());
    assertEquals(TrainEngine.TORCH, torch.node("train/dacp").params(TrainParams.class).engine());
    Set<String> changed = changedKeys(djl, torch);
    for (PlanNode node : torch.nodes()) {
      boolean variantWork = node.variant() != null && (node.stage() == Stage.TRAIN || node.stage() == Stage.EVAL);
      assertEquals(variantWork || node.stage() == Stage.REPORT, changed.contains(node.id()), node.id());
      assertEquals(node.stage() == Stage.TRAIN ? TaskQueues.TORCH : djl.node(node.id()).queue(), node.queue(), node.id());
    }
  }

  @Test
  void renamingTheSweepChangesNoKey() throws Exception {
    ExperimentGraph before = plan(paperYaml());
    ExperimentGraph after = plan(paperYaml().replace("name: finpythia-1b", "name: another-sweep"));
    assertEquals(Set.of(), changedKeys(before, after));
    assertEquals(before.graphKey(), after.graphKey());
    assertEquals("another-sweep", after.sweepName());
  }

  @Test
  void plansOnlyWhatTheVariantsNeed() {
    SweepSpec spec = SpecLoader.parse("""
        name: small
        model: {base: m}
        corpus: [{uri: c}]
        evaluation: {suites: [finance], tasks: [mmlu]}
        variants: [{name: eta-dacp-ppl, sampling: soft}]
        """, "small.yaml", METRICS).spec();
    ExperimentGraph graph = Planner.plan(spec, METRICS);
    assertEquals(List.of("ingest/corpus", "score/ppl", "select/eta-dacp-ppl-soft", "pack/eta-dacp-ppl-soft",
            "train/eta-dacp-ppl-soft", "eval/base/finance", "eval/base/tasks", "eval/base/heldout",
            "eval/eta-dacp-ppl-soft/finance", "eval/eta-dacp-ppl-soft/tasks", "eval/eta-dacp-ppl-soft/heldout",
            "report"),
        graph.nodes().stream().map(PlanNode::id).toList());
    assertEquals(List.of("mmlu"), graph.node("eval/base/tasks").params(TaskEvalParams.class).tasks());
  }

  @Test
  void metricsPlanFromTheirRegistryEntries() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    ScoreParams sim = graph.node("score/sim").params(ScoreParams.class);
    assertEquals("sim", sim.column());
    assertEquals(Map.of("embedder", "builtin:all-minilm-l6-v2"), sim.settings());
    assertEquals(TaskQueues.GPU, graph.node("score/sim").queue());
    assertEquals(TaskQueues.CPU, graph.node("score/ent").queue(), "POS tagging runs on the cpu queue");
    assertEquals(Map.of("proxy", "s3://models/pythia-70m", "max_tokens", 1024),
        graph.node("score/ppl").params(ScoreParams.class).settings());
    SelectParams combined = graph.node("select/ets-dacp-com-hard").params(SelectParams.class);
    assertEquals(SelectionKind.COMBINED, combined.kind());
    assertEquals(List.of("sim", "ppl", "ent"), combined.metrics().stream().map(RankedMetric::metric).toList());
    assertEquals(TaskQueues.GPU, graph.node("train/dacp").queue());
  }

  @Test
  void dsirPlansAloneAndCombinedWithItsFitOnTheCpuQueue() throws Exception {
    ExperimentGraph graph = plan(paperYaml().replace("{name: eta-dacp-ent, sampling: hard}",
        "{name: eta-dacp-ent, sampling: hard}\n  - {name: dsir, sampling: soft}\n"
            + "  - {name: ets-dacp-com, sampling: soft, metrics: [dsir, sim]}"));
    ScoreParams dsir = graph.node("score/dsir").params(ScoreParams.class);
    assertTrue(dsir.fitsCorpus(), "DSIR's raw distribution is its corpus fit");
    assertEquals(Map.of("buckets", 10000, "min_length", 100, "max_raw_counts", 1_000_000_000L), dsir.settings());
    assertEquals(TaskQueues.CPU, graph.node("score/dsir").queue());
    assertTrue(graph.node("score/dsir").upstream().contains("ingest/tasks"), "the task text is DSIR's target");
    RankedMetric alone = graph.node("select/dsir-soft").params(SelectParams.class).metrics().get(0);
    assertTrue(alone.valuesAreLogWeights(), "soft DSIR draws on its log weights");
    SelectParams combined = graph.node("select/ets-dacp-com-soft").params(SelectParams.class);
    assertEquals(List.of("dsir", "sim"), combined.metrics().stream().map(RankedMetric::metric).toList());
    RankedMetric sim = combined.metrics().get(1);
    assertEquals(null, sim.logWeight(), "metrics without log weights keep their canonical JSON and keys");
  }

  @Test
  void theScoreQueueFollowsTheEmbedder() throws Exception {
    for (Map.Entry<String, TaskQueues> engine : Map.of("builtin:hashed-ngrams", TaskQueues.CPU,
        "builtin:all-minilm-l6-v2-int8", TaskQueues.CPU, "builtin:all-minilm-l6-v2", TaskQueues.GPU).entrySet()) {
      ExperimentGraph graph = plan(paperYaml().replace("embedder: builtin:all-minilm-l6-v2",
          "embedder: " + engine.getKey()));
      assertEquals(engine.getKey(), graph.node("score/sim").params(ScoreParams.class).settings().get("embedder"));
      assertEquals(engine.getValue(), graph.node("score/sim").queue(), engine.getKey());
      assertEquals(engine.getKey().equals("builtin:hashed-ngrams"),
          graph.node("score/sim").params(ScoreParams.class).fitsCorpus(), "only hashed n-grams count the corpus first");
    }
    assertEquals(TaskQueues.GPU, plan(paperYaml()).node("score/ppl").queue());
  }

  @Test
  void partsGiveEveryNodeOneOwner() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    GraphPart corpus = graph.parts().get(0);
    assertEquals(GraphPart.Kind.CORPUS, corpus.kind());
    assertEquals(List.of("ingest/corpus", "ingest/tasks", "ingest/general", "score/sim", "score/ppl", "score/ent"),
        corpus.nodeIds());
    GraphPart tacp = graph.parts().stream().filter(part -> "tacp".equals(part.variant())).findFirst().orElseThrow();
    assertEquals(List.of("select/tacp", "pack/tacp", "train/tacp", "eval/tacp/finance", "eval/tacp/general",
        "eval/tacp/heldout"), tacp.nodeIds());
    assertEquals(List.of("eval/base/finance", "eval/base/general", "eval/base/heldout", "report"),
        graph.rootNodes().stream().map(PlanNode::id).toList());
    long owned = graph.parts().stream().mapToLong(part -> part.nodeIds().size()).sum() + graph.rootNodes().size();
    assertEquals(graph.nodes().size(), owned);
  }

  @Test
  void sideSetsAreOneShardWithNothingHeldOut() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    IngestParams tasks = graph.node("ingest/tasks").params(IngestParams.class);
    assertEquals(0.0, tasks.heldoutFraction());
    assertEquals(Planner.SIDE_SET_SHARD_DOCS, tasks.shardDocs());
    assertEquals(5000, graph.node("ingest/general").params(IngestParams.class).maxDocs());
    assertNull(graph.node("ingest/corpus").params(IngestParams.class).maxDocs());
    assertEquals(2048, graph.node("eval/base/heldout").params(HeldoutEvalParams.class).seqLen());
  }
}
