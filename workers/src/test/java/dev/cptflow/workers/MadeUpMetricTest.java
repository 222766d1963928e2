package dev.cptflow.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.metric.CorpusDocuments;
import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.activities.metric.ScorerContext;
import dev.cptflow.activities.metric.ScoringMetric;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.Json;
import dev.cptflow.workers.testing.SweepHarness;
import dev.cptflow.workers.testing.TinyBaseModel;
import dev.cptflow.workflows.api.ExperimentGraph;
import dev.cptflow.workflows.api.StoreLayout;
import dev.cptflow.workflows.api.SweepResult;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.Direction;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import dev.cptflow.workflows.api.stage.ScoreParams;
import dev.cptflow.workflows.api.stage.SelectionResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metric nobody has heard of, written as one class and registered with one line, is plannable, scorable,
 * selectable and reported with no other edit. It learns from the corpus first (its mean length), ranks lowest first
 * and runs on the cpu queue, so the fit step, the direction and the queue all come from the class.
 */
class MadeUpMetricTest {
  @TempDir Path dir;

  /** How much longer than the corpus's mean a document is, in characters; the shortest are selected. */
  static final class Verbosity extends ScoringMetric<Verbosity.Settings> {
    record Settings(String unit) {}

    Verbosity() {
      super(Settings.class);
    }

    @Override
    public String key() {
      return "verbosity";
    }

    @Override
    public String variant() {
      return "eta-dacp-terse";
    }

    @Override
    public Direction direction() {
      return Direction.LOWER;
    }

    @Override
    public String description() {
      return "length relative to the corpus mean";
    }

    @Override
    protected boolean fitsCorpus(Settings settings) {
      return true;
    }

    @Override
    protected Settings plan(MetricInputs inputs) {
      return new Settings("chars");
    }

    @Override
    protected TaskQueues queueFor(Settings settings) {
      return TaskQueues.CPU;
    }

    @Override
    protected void fit(Settings settings, CorpusDocuments corpus, ScorerContext context, Path out) {
      long[] sums = new long[2];
      corpus.forEach(document -> {
        sums[0] += document.text().length();
        sums[1]++;
      });
      write(out.resolve("mean.txt"), Double.toString((double) sums[0] / sums[1]));
    }

    @Override
    protected Scorer scorer(Settings settings, ScorerContext context) {
      double mean = Double.parseDouble(read(context.fitted().resolve("mean.txt")));
      return batch -> batch.stream().mapToDouble((Document document) -> document.text().length() / mean - 1).toArray();
    }

    private static void write(Path file, String text) {
      try {
        Files.writeString(file, text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void oneClassAndOneRegistrationMakeAMetricPlannableScorableSelectableAndReported() throws Exception {
    MetricRegistry metrics = MetricRegistry.builtin().with(new Verbosity());

    Path model = TinyBaseModel.write(dir);
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String words = "the bank said quarterly profit rose ".repeat(1 + i % 6);
      corpus.add("{\"text\": \"" + words + "item " + i + "\"}");
    }
    Files.write(dir.resolve("corpus.jsonl"), corpus);
    Files.write(dir.resolve("fpb.txt"), List.of("profit rose@positive", "profit fell@negative", "the board met@neutral"));
    String spec = """
        name: made-up-metric
        model: {base: %s}
        corpus: [{uri: "%s"}]
        heldout: {domain_fraction: 0}
        ingest: {shard_docs: 40}
        selection: {budget: 0.2, min_tokens: 1}
        training: {seq_len: 16, micro_batch: 4, grad_accum: 1, lr: 1.0e-3, warmup: 0, epochs: 1, checkpoint_every: 50,
                   eval_every: 50}
        evaluation: {suites: [finance], shots: 1, limit: 2, data: {fpb: "%s"}}
        variants:
          - {name: eta-dacp-terse, sampling: hard}
          - {name: ets-dacp-com, metrics: [verbosity, ent], weights: {verbosity: 3}}
        """.formatted(model, dir.resolve("corpus.jsonl"), dir.resolve("fpb.txt"));
    ExperimentGraph graph = SweepHarness.plan(spec, metrics);
    ScoreParams planned = graph.node("score/verbosity").params(ScoreParams.class);
    assertTrue(planned.fitsCorpus());
    assertEquals(Map.of("unit", "chars"), planned.settings());
    assertEquals(TaskQueues.CPU, graph.node("score/verbosity").queue());

    try (SweepHarness harness = new SweepHarness(dir.resolve("store"))) {
      WorkerHost worker = harness.startProductionWorker(2, metrics);
      try {
        harness.start(graph, SweepHarness.FAST).get(10, TimeUnit.MINUTES);
      } finally {
        worker.shutdown(java.time.Duration.ofSeconds(5));
      }
      ArtifactStore store = harness.stores().open(harness.storeUri());
      String sweep = SweepHarness.sweepIdOf(graph);
      SweepResult outcome = Json.read(store.readString(StoreLayout.sweepFile(sweep, StoreLayout.OUTCOME_FILE)),
          SweepResult.class);
      assertEquals(List.of(), outcome.failures());

      ScoreOutput scores = outcome.results().get("score/verbosity").output(ScoreOutput.class);
      assertTrue(store.exists(scores.prefix() + "/" + ScoreOutput.FIT + "/mean.txt"), "the fit ran once, before the shards");
      Map<String, Double> byId = new java.util.HashMap<>();
      for (int shard = 0; shard < scores.shards(); shard++) {
        Path table = Files.createTempFile(dir, "table", ".parquet");
        Files.write(table, store.readBytes(scores.tableKey(shard)));
        ScoreTables.read(table, "verbosity").forEach(row -> byId.put(row.id(), row.score()));
      }
      assertEquals(120, byId.size());
      assertTrue(byId.values().stream().anyMatch(score -> score < 0) && byId.values().stream().anyMatch(score -> score > 0),
          "scores are relative to the corpus mean the fit learnt");

      SelectionResult selected = outcome.results().get("select/eta-dacp-terse-hard").output(SelectionResult.class);
      Path selection = Files.createTempFile(dir, "selection", ".parquet");
      Files.write(selection, store.readBytes(selected.selectionKey()));
      Set<String> ids = SelectionFiles.readIds(selection);
      double highestSelected = ids.stream().mapToDouble(byId::get).max().orElseThrow();
      long shorterNotSelected = byId.entrySet().stream()
          .filter(entry -> !ids.contains(entry.getKey()) && entry.getValue() < highestSelected).count();
      assertEquals(0, shorterNotSelected, "lower first: every document shorter than a selected one is selected");
      assertTrue(selected.docs() > 0 && selected.tokens() <= Math.ceil(0.2 * selected.corpusTokens()));

      String report = store.readString(StoreLayout.sweepFile(sweep, "report.md"));
      assertTrue(store.exists(StoreLayout.sweepFile(sweep, "plots/hist_verbosity.png")), "the metric's histogram");
      assertTrue(report.contains("eta-dacp-terse-hard") && report.contains("verbosity"), report);
      assertTrue(outcome.results().keySet().stream().filter(id -> id.startsWith("eval/eta-dacp-terse-hard/"))
          .collect(Collectors.toSet()).size() == 2, outcome.results().keySet().toString());
    }
  }
}
