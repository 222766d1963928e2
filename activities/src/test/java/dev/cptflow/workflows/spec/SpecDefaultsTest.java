package dev.cptflow.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.workflows.api.stage.EvalSuite;
import dev.cptflow.workflows.api.stage.Sampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {
  private static final MetricRegistry METRICS = MetricRegistry.builtin();

  private static final String MINIMAL = """
      name: t
      model: {base: s3://m/base}
      corpus: [{uri: "s3://c/*.jsonl"}]
      task_data: [{name: fpb, uri: "file:fpb.jsonl"}]
      variants:
        - {name: dacp}
        - {name: ets-dacp}
        - {name: ets-dacp-com, metrics: [sim, ppl], weights: {sim: 2}, budget: 0.05}
      """;

  @Test
  void appliesDefaultsAndListsWhereTheyWereTaken() {
    LoadedSpec loaded = SpecLoader.parse(MINIMAL, "t.yaml", METRICS);
    SweepSpec spec = loaded.spec();
    assertEquals("s3://m/base", spec.model().proxy());
    assertEquals(0.10, spec.selection().budget());
    assertEquals(Sampling.HARD, spec.variants().get(1).sampling());
    assertEquals(Map.of("sim", 2.0, "ppl", 1.0), spec.variants().get(2).weights());
    assertEquals(List.of(EvalSuite.FINANCE, EvalSuite.GENERAL), spec.evaluation().suites());
    assertTrue(loaded.defaultedPaths().containsAll(List.of(
        "seed", "model.proxy", "model.embedder", "corpus[0].text_field", "corpus[0].format", "heldout.domain_fraction",
        "selection.budget", "training.lr", "evaluation.suites", "variants[1].sampling", "variants[2].weights.ppl")));
    assertFalse(loaded.defaultedPaths().contains("variants[2].weights.sim"));
    assertFalse(loaded.defaultedPaths().contains("model.base"));
    assertFalse(loaded.defaultedPaths().contains("variants[0].sampling"));
  }

  @Test
  void budgetDocsReplacesTheDefaultBudget() {
    LoadedSpec loaded = SpecLoader.parse(MINIMAL + "selection: {budget_docs: 500}\n", "t.yaml", METRICS);
    assertNull(loaded.spec().selection().budget());
    assertEquals(500L, loaded.spec().selection().budgetDocs());
    assertFalse(loaded.defaultedPaths().contains("selection.budget"));
  }

  @Test
  void explainMarksDefaults() {
    String explained = SpecExplainer.explain(SpecLoader.parse(MINIMAL, "t.yaml", METRICS));
    assertTrue(explained.contains("\n  lr: 1.2E-5  # default\n"), explained);
    assertTrue(explained.contains("\n  base: s3://m/base\n"), explained);
    assertTrue(explained.contains("\n  - name: ets-dacp\n    sampling: hard  # default\n"), explained);
    assertTrue(explained.contains("\n      ppl: 1.0  # default\n"), explained);
  }

  @Test
  void explainLoadsBackToAnEqualSpec() throws Exception {
    for (String yaml : List.of(MINIMAL, Files.readString(Path.of("src/test/resources/paper-sweep.yaml")))) {
      LoadedSpec loaded = SpecLoader.parse(yaml, "t.yaml", METRICS);
      String explained = SpecExplainer.explain(loaded);
      LoadedSpec reloaded = SpecLoader.parse(explained, "explained.yaml", METRICS);
      assertEquals(loaded.spec(), reloaded.spec(), explained);
      assertTrue(reloaded.defaultedPaths().isEmpty(), () -> "written out, nothing is defaulted: " + reloaded);
      assertEquals(explained, SpecExplainer.explain(SpecLoader.parse(yaml, "t.yaml", METRICS)));
    }
  }

  @Test
  void explainQuotesTextThatWouldReadBackAsAnotherType() {
    String yaml = MINIMAL.replace("{base: s3://m/base}", "{base: \"123\", proxy: \"true\"}");
    LoadedSpec loaded = SpecLoader.parse(yaml, "t.yaml", METRICS);
    String explained = SpecExplainer.explain(loaded);
    assertTrue(explained.contains("base: \"123\"\n"), explained);
    assertEquals(loaded.spec(), SpecLoader.parse(explained, "e.yaml", METRICS).spec());
  }
}
