package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.stage.TrainCost;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workers.testing.TinyBaseModel;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.stage.EvalOutput;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.SelectionResult;
import dev.cptflow.workflows.api.stage.TrainOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on the production activities through select, pack and train for DACP, TACP and ETS-DACP (hard and soft).
 * Evaluation is not in this build, so the sweep ends failed on the eval nodes, with every training node done.
 */
class VariantStagesTest {
  @TempDir Path dir;

  @Test
  void everyVariantSelectsPacksTrainsIsEvaluatedAndReportedFromTheSharedCorpusNodes() throws Exception {
    Path model = TinyBaseModel.write(dir);
    List<String> finance = new ArrayList<>();
    List<String> recipes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      finance.add("{\"text\": \"the bank raised its dividend as quarterly profit and revenue rose, item " + i + "\"}");
      recipes.add("{\"text\": \"stir the sauce, then bake the cake in a hot oven for an hour, item " + i + "\"}");
    }
    Files.write(dir.resolve("finance.jsonl"), finance);
    Files.write(dir.resolve("recipes.jsonl"), recipes);
    Files.write(dir.resolve("tasks.jsonl"), List.of("{\"text\": \"bank profit, revenue and dividend guidance\"}",
        "{\"text\": \"quarterly revenue rose and the bank kept its dividend\"}"));
    Files.write(dir.resolve("fpb.txt"), List.of("the bank raised its dividend@positive", "profit fell sharply@negative",
        "the board met on tuesday@neutral", "revenue rose for the quarter@positive"));
    Files.write(dir.resolve("general.jsonl"), List.of("{\"text\": \"the river runs past the old mill\"}",
        "{\"text\": \"children played in the park until dark\"}"));
    String spec = """
        name: variant-stages
        seed: 7
        model: {base: %s, embedder: "builtin:hashed-ngrams"}
        corpus: [{uri: "%s"}, {uri: "%s"}]
        task_data: [{name: fpb, uri: "%s"}]
        heldout: {domain_fraction: 0.05, general: {uri: "%s", max_docs: 10}}
        ingest: {shard_docs: 50}
        selection: {budget: 0.1, min_tokens: 1}
        training: {seq_len: 16, micro_batch: 4, grad_accum: 1, lr: 1.0e-3, warmup: 0, schedule: cosine,
                   epochs: 1, checkpoint_every: 5, eval_every: 5, clip_norm: 1.0}
        evaluation: {suites: [finance], shots: 2, limit: 3, data: {fpb: "%s"}}
        variants:
          - {name: dacp}
          - {name: tacp}
          - {name: ets-dacp, sampling: hard}
          - {name: ets-dacp, sampling: soft}
        """.formatted(model, dir.resolve("finance.jsonl"), dir.resolve("recipes.jsonl"), dir.resolve("tasks.jsonl"),
        dir.resolve("general.jsonl"), dir.resolve("fpb.txt"));
    ExperimentGraph graph = SweepHarness.plan(spec);

    try (SweepHarness harness = new SweepHarness(dir.resolve("store"))) {
      WorkerHost worker = harness.startProductionWorker(2);
      try {
        harness.start(graph, SweepHarness.FAST).get(4, TimeUnit.MINUTES);
      } finally {
        worker.shutdown(Duration.ofSeconds(5));
      }
      ArtifactStore store = harness.stores().open(harness.storeUri());
      SweepResult outcome = Json.read(store.readString(StoreLayout.sweepFile(SweepHarness.sweepIdOf(graph),
          StoreLayout.OUTCOME_FILE)), SweepResult.class);
      Map<String, StageResult> results = outcome.results();
      IngestOutput corpus = results.get(NodeIds.ingest(IngestSet.CORPUS)).output(IngestOutput.class);
      long corpusDocs = corpus.docs();
      assertTrue(corpus.heldoutDocs() > 0, "some documents are held out");
      assertTrue(results.get("select/dacp").output(SelectionResult.class).everything(), "DACP selects everything");
      assertTrue(!results.get("select/ets-dacp-hard").output(SelectionResult.class).everything());

      assertEquals(corpusDocs, (long) results.get("select/dacp").shown("docs", -1), "DACP takes every training document");
      assertEquals((double) corpus.tokens(), results.get("select/dacp").shown("tokens", -1));
      assertEquals(2, (long) results.get("select/tacp").shown("docs", -1), "TACP takes the task text");
      for (String variant : List.of("ets-dacp-hard", "ets-dacp-soft")) {
        StageResult select = results.get("select/" + variant);
        assertTrue(select.shown("tokens", 0) <= Math.floor(0.1 * corpus.tokens()), variant + " stays in budget");
        assertTrue(select.shown("fraction", 0) > 0.08, variant + " fills the budget: " + select.shown("fraction", 0));
      }
      assertTrue(financeShare(store, results, "ets-dacp-hard") == 1.0, "hard selection picks the finance documents");

      for (String variant : List.of("dacp", "tacp", "ets-dacp-hard", "ets-dacp-soft")) {
        StageResult pack = results.get("pack/" + variant);
        assertEquals(results.get("select/" + variant).shown("docs", 0), pack.shown("docs", -1), variant + " packs every selected doc");
        StageResult train = results.get("train/" + variant);
        TrainOutput trained = train.output(TrainOutput.class);
        assertTrue(train.shown("steps", 0) >= 1, variant);
        assertEquals(Math.max(1, (long) pack.shown("blocks", 0) / 4), (long) train.shown("steps", 0), variant + ": one epoch");
        assertTrue(store.exists(trained.modelKey() + "/" + ModelFiles.WEIGHTS), variant);
        TrainCost cost = Json.read(store.readString(trained.costKey()), TrainCost.class);
        assertEquals((long) train.shown("tokens", -1), cost.tokensTrained(), variant);
        assertEquals((long) train.shown("steps", 0) * 4 * 15, cost.tokensTrained(), variant + ": steps x 4 blocks x 15 targets");
        assertTrue(cost.wallSeconds() > 0 && cost.peakHostBytes() > 0 && cost.device().contains("cpu"), cost.toString());
        assertTrue(train.counters().containsKey("eval_domain") && train.counters().containsKey("eval_general"),
            variant + " logs held-out losses " + train.counters());
        assertTrue(store.list(train.outputPrefix() + "/checkpoints").isEmpty(), "checkpoints are removed once the model is final");
        assertEquals((long) trained.steps(), store.readString(trained.lossesKey()).lines().count());
      }
      assertTrue(results.get("train/dacp").shown("steps", 0) > results.get("train/ets-dacp-hard").shown("steps", 0));
      for (String evaluated : List.of("base", "dacp", "tacp", "ets-dacp-hard", "ets-dacp-soft")) {
        StageResult financeEval = results.get("eval/" + evaluated + "/finance");
        assertEquals(3.0, financeEval.shown("fpb.items", -1), evaluated + " evaluates the first 3 FPB items " + financeEval.counters());
        assertTrue(financeEval.counters().containsKey("fpb.acc") && financeEval.counters().containsKey("fpb.mcc"), evaluated);
        assertEquals(3.0, financeEval.shown("skipped_tasks", -1), evaluated + ": fiqasa, headlines and ner have no data");
        EvalOutput financeOutput = financeEval.output(EvalOutput.class);
        Map<?, ?> json = Json.read(store.readString(financeOutput.resultsKey()), Map.class);
        assertTrue(((Map<?, ?>) json.get("skipped")).containsKey("ner"), json.toString());
        assertEquals(List.of("fiqasa", "headlines", "ner"), financeOutput.skippedTasks());
        assertTrue(store.exists(financeOutput.prefix() + "/" + EvalOutput.samplesName("fpb")), evaluated);
        StageResult heldout = results.get("eval/" + evaluated + "/heldout");
        EvalOutput losses = heldout.output(EvalOutput.class);
        assertTrue(losses.heldoutLoss().get("domain") > 0 && losses.heldoutLoss().get("general") > 0,
            evaluated + " " + losses);
      }
      assertTrue(results.get("eval/base/heldout").shown("heldout_domain.loss", 0)
          > results.get("eval/dacp/heldout").shown("heldout_domain.loss", 0), "training on the corpus lowers its held-out loss");
      assertEquals(List.of(), outcome.failures());

      String sweep = SweepHarness.sweepIdOf(graph);
      for (String file : List.of("report.md", "report.html", "results.json", "results.csv", "plots/loss_domain.png",
          "plots/train_loss.png", "plots/hist_sim.png")) {
        assertTrue(store.exists(StoreLayout.sweepFile(sweep, file)), file + " in the sweep's folder");
      }
      List<String> csv = store.readString(StoreLayout.sweepFile(sweep, "results.csv")).lines().toList();
      assertEquals(6, csv.size(), "a header, the base model and 4 variants: " + csv);
      assertTrue(csv.get(1).startsWith("base,") && csv.get(2).startsWith("dacp,"), csv.toString());
      String markdown = store.readString(StoreLayout.sweepFile(sweep, "report.md"));
      double dacpFpb = results.get("eval/dacp/finance").shown("fpb.f1", -1);
      assertTrue(markdown.contains(String.format(java.util.Locale.ROOT, "%.4f", dacpFpb)), "the run's numbers: " + markdown);
    }
  }

  /** The share of a variant's selected documents that came from the finance file. */
  private static double financeShare(ArtifactStore store, Map<String, StageResult> results, String variant) throws Exception {
    Path selection = Files.createTempFile("selection", ".parquet");
    Files.write(selection, store.readBytes(results.get("select/" + variant).output(SelectionResult.class).selectionKey()));
    Set<String> ids = SelectionFiles.readIds(selection);
    Map<String, String> sources = new HashMap<>();
    IngestOutput corpus = results.get(NodeIds.ingest(IngestSet.CORPUS)).output(IngestOutput.class);
    for (int shard = 0; shard < corpus.shards(); shard++) {
      Path local = Files.createTempFile("shard", ".jsonl.zst");
      Files.write(local, store.readBytes(corpus.shardKey(shard)));
      try (ShardReader reader = ShardReader.open(local)) {
        reader.forEachRemaining((Document document) -> sources.put(document.id(), document.source()));
      }
    }
    return ids.stream().filter(id -> sources.get(id).contains("finance")).count() / (double) ids.size();
  }
}
