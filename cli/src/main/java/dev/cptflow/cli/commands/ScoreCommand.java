package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.metric.CorpusDocuments;
import dev.cptflow.activities.metric.ScoringMetric;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.StoreScoreParts;
import dev.cptflow.activities.stage.IngestRun;
import dev.cptflow.activities.stage.LocalScorerContext;
import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.activities.store.LocalStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.CleaningOptions;
import dev.cptflow.cli.options.RegisteredMetrics;
import dev.cptflow.cli.options.SourceOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.IngestSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
    header = "Score documents with one selection metric (sim, ppl, ent, ...), without Temporal.",
    description = {
      "Score documents with one selection metric of this build, without Temporal.",
      "The documents go through the sweep's own ingest first (NFC, exact dedup,",
      "token counts), a shard at a time, so the scores are the ones a sweep",
      "computes. Output: id, source_id (the record's own id), tokens, <metric> as",
      ".parquet, .jsonl or .csv by the --out extension."
    })
public class ScoreCommand extends CommandBase {
  /** Rows per persisted part while a shard is scored: a local scratch store, so a part costs little. */
  private static final int ROWS_PER_PART = 4096;

  @Option(names = "--metric", required = true, paramLabel = "M", completionCandidates = RegisteredMetrics.Keys.class,
      description = "The metric: ${COMPLETION-CANDIDATES}.")
  String metric;

  @Mixin SourceOptions source;
  @Mixin CleaningOptions cleaning;

  @Option(names = "--task", arity = "1..*", paramLabel = "URI",
      description = "Task text (JSONL etc.), for metrics that compare documents with it (sim).")
  List<String> tasks = List.of();

  @Option(names = "--model", paramLabel = "DIR",
      description = "Proxy model for perplexity metrics (ppl); its tokenizer also counts tokens.")
  String model;

  @Option(names = "--tokenizer", paramLabel = "PATH", description = "Tokenizer that counts tokens (default: --model's).")
  String tokenizer;

  @Option(names = "--embedder", descriptionKey = "model.embedder", paramLabel = "E",
      description = "builtin:all-minilm-l6-v2, builtin:all-minilm-l6-v2-int8, builtin:hashed-ngrams, or a directory with"
          + " model.onnx + tokenizer.json."
          + " Default: ${DEFAULT-VALUE}.")
  String embedder;

  @Option(names = "--max-tokens", descriptionKey = "selection.max_score_tokens", paramLabel = "N",
      description = "Tokens of each document a metric reads at most. Default: ${DEFAULT-VALUE}.")
  int maxTokens;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: .parquet, .jsonl or .csv.")
  Path out;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = out();
    ScoringMetric<?> scoring = metric();
    ScoreFileWriter.extension(out);
    String counter = tokenizer != null ? tokenizer : model;
    if (counter == null) {
      throw new UserError("--tokenizer (or --model) is required: scores carry token counts");
    }
    if (scoring.readsTaskText() && tasks.isEmpty()) {
      throw new UserError("--task is required for --metric " + metric + " (the text documents are compared with)");
    }
    SortedMap<String, Object> settings;
    try {
      settings = scoring.settings(new MetricInputs(model, embedder, maxTokens, !tasks.isEmpty()));
    } catch (IllegalArgumentException e) {
      throw new UserError("--metric " + metric + ": " + e.getMessage());
    }
    Path work = Files.createTempDirectory("cpt-score");
    try (StoreRegistry stores = storeOptions.registry(); LocalStore parts = new LocalStore(work.resolve("parts"))) {
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      IngestSummary corpus = ingest(context, IngestSet.CORPUS, source.sources(), counter, work.resolve("corpus"));
      List<String> taskTexts = scoring.readsTaskText()
          ? texts(ingest(context, IngestSet.TASKS, sources(tasks), counter, work.resolve("tasks")), work.resolve("tasks"))
          : List.of();
      Path fitted = Files.createDirectories(work.resolve("fit"));
      LocalScorerContext scorerContext = new LocalScorerContext(context.models(), taskTexts, fitted);
      if (scoring.fitsCorpus(settings)) {
        CorpusDocuments documents = action -> forEachDocument(corpus, work.resolve("corpus"), action);
        scoring.fit(settings, documents, scorerContext, fitted);
      }
      long start = System.nanoTime();
      try (Scorer scorer = scorer(scoring, settings, scorerContext); ScoreFileWriter writer = new ScoreFileWriter(out, scoring.column())) {
        for (int shard = 0; shard < corpus.shards(); shard++) {
          Path file = work.resolve("corpus").resolve(IngestOutput.shardName(shard));
          writer.append(ShardScoring.score(file, scorer, new StoreScoreParts(parts, "shard-" + shard), ROWS_PER_PART,
              (scored, persisted) -> { }).rows());
          double seconds = (System.nanoTime() - start) / 1e9;
          err().printf(Locale.ROOT, "scored shard %d/%d: %,d documents, %.0f docs/s%n", shard + 1,
              corpus.shards(), writer.rows(), writer.rows() / seconds);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(console, corpus);
        console.printf(Locale.ROOT, "scored %,d documents with %s in %.1fs (%.0f docs/s); wrote %s%n", writer.rows(), metric,
            seconds, writer.rows() / seconds, out);
      }
    } finally {
      LocalFiles.deleteRecursively(work);
    }
    return 0;
  }

  private ScoringMetric<?> metric() {
    try {
      return SpecFiles.METRICS.scoring(metric);
    } catch (IllegalArgumentException e) {
      throw new UserError("--metric: " + e.getMessage());
    }
  }

  private static Scorer scorer(ScoringMetric<?> scoring, SortedMap<String, Object> settings, LocalScorerContext context) {
    try {
      return scoring.scorer(settings, context);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private List<IngestSource> sources(List<String> uris) {
    IngestSource first = source.sources().get(0);
    return uris.stream().map(uri -> new IngestSource(uri, first.textField(), first.format(), first.idField(), "task")).toList();
  }

  /** The sweep's ingest of {@code sources}, every document kept for scoring (nothing held out). */
  private IngestSummary ingest(StageContext context, IngestSet set, List<IngestSource> sources, String counter, Path dir) {
    try {
      IngestParams params = new IngestParams(set, sources, counter, cleaning.shardDocs(), cleaning.onBadRecord(),
          cleaning.dedup(), 0.0, 0, null);
      return IngestRun.run(context, params, dir);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static List<String> texts(IngestSummary summary, Path dir) {
    List<String> texts = new ArrayList<>();
    forEachDocument(summary, dir, document -> texts.add(document.text()));
    return texts;
  }

  private static void forEachDocument(IngestSummary summary, Path dir, Consumer<Document> action) {
    for (int shard = 0; shard < summary.shards(); shard++) {
      try (ShardReader reader = ShardReader.open(dir.resolve(IngestOutput.shardName(shard)))) {
        reader.forEachRemaining(action);
      }
    }
  }

  private static void report(PrintWriter console, IngestSummary corpus) {
    if (corpus.skipped().total() > 0) {
      console.println("skipped " + corpus.skipped().total() + " records: " + corpus.skipped().summary());
    }
    if (corpus.duplicates() > 0) {
      console.printf(Locale.ROOT, "dropped %,d exact duplicates (--no-dedup keeps them)%n", corpus.duplicates());
    }
  }
}
