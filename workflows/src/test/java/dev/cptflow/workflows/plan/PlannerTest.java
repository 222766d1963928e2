package dev.cptflow.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private static final Path PAPER_SWEEP = Path.of("src/test/resources/paper-sweep.yaml");

  private static ExperimentGraph plan(String yaml) {
    return Planner.plan(SpecLoader.parse(yaml, "paper-sweep.yaml").spec());
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
    assertFalse(graph.node("select/dacp").params().containsKey("sampling"));
    assertEquals("soft", graph.node("select/ets-dacp-soft").params().get("sampling"));
    assertEquals("fpb,fiqasa,headlines,ner", graph.node("eval/dacp/finance").params().get("tasks"));
  }

  @Test
  void evaluatesTheBaseModelAsNodes() throws Exception {
    ExperimentGraph graph = plan(paperYaml());
    for (String suite : List.of("finance", "general", "heldout")) {
      PlanNode base = graph.node("eval/base/" + suite);
      assertEquals("s3://models/pythia-1b", base.params().get("model"));
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
    ExperimentGraph second = Planner.plan(SpecLoader.load(PAPER_SWEEP).spec());
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
    assertEquals("soft", after.node("select/ets-dacp-com-soft").params().get("sampling"));
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
        """, "small.yaml").spec();
    ExperimentGraph graph = Planner.plan(spec);
    assertEquals(List.of("ingest/corpus", "score/ppl", "select/eta-dacp-ppl-soft", "pack/eta-dacp-ppl-soft",
            "train/eta-dacp-ppl-soft", "eval/base/finance", "eval/base/tasks", "eval/base/heldout",
            "eval/eta-dacp-ppl-soft/finance", "eval/eta-dacp-ppl-soft/tasks", "eval/eta-dacp-ppl-soft/heldout",
            "report"),
        graph.nodes().stream().map(PlanNode::id).toList());
    assertEquals("mmlu", graph.node("eval/base/tasks").params().get("tasks"));
  }
}
