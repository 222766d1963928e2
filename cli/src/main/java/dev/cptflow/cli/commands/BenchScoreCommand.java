package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.corpus.ShardWriter;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.metric.RawEngine;
import dev.cptflow.activities.metric.ScoringMetric;
import dev.cptflow.activities.score.HashedNgramEmbedder;
import dev.cptflow.activities.score.OnnxEmbedder;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.StoreScoreParts;
import dev.cptflow.activities.select.RankAgreement;
import dev.cptflow.activities.stage.IngestRun;
import dev.cptflow.activities.stage.LocalScorerContext;
import dev.cptflow.activities.stage.StageContext;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.activities.store.LocalStore;
import dev.cptflow.activities.store.S3Config;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workflows.api.CanonicalJson;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.IngestSource;
import dev.cptflow.workflows.api.stage.SourceFormat;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
    description = {
      "Docs/s and tokens/s of every registered metric's shard pipeline (read shard, score in batches, persist parts,",
      "write Parquet) against its raw engine on the same texts in the same run: the embedder alone for sim, the",
      "OpenNLP tag loop alone for ent, the LM scoring forward alone for ppl, featurising and weighing alone for dsir.",
      "A metric gets one row per distinct setting the bench's inputs give it (sim: hashed n-grams, MiniLM and its",
      "int8 build); slow rows score fewer documents. Each row runs on one thread, so its rates are per core.",
      "--input scores real text instead of generated prose; --peer-dsir runs the authors' DSIR on the same corpus and",
      "target and checks that every log weight and eligibility agree."
    })
public class BenchScoreCommand extends CommandBase {
  /** How close a log importance weight must be to DSIR's, relative. */
  static final double DSIR_TOLERANCE = 1e-9;

  @Option(names = "--docs", defaultValue = "20000", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Generated documents (or the first N of --input); a row scores at most this many.")
  int docs;

  @Option(names = "--seconds-per-row", defaultValue = "20", showDefaultValue = Visibility.ALWAYS, paramLabel = "S",
      description = "A row scores as many documents as its raw engine handles in about this long (at least 64).")
  double secondsPerRow;

  @Option(names = "--ppl-preset", defaultValue = "tiny", showDefaultValue = Visibility.ALWAYS, paramLabel = "NAME",
      description = "Proxy model shape for perplexity metrics (random weights).")
  String pplPreset;

  @Option(names = "--input", arity = "1..*", paramLabel = "URI",
      description = "Corpus files to score instead of generated prose (JSONL, Parquet, text; ingested as a sweep does).")
  List<String> inputs = List.of();

  @Option(names = "--task", arity = "1..*", paramLabel = "URI",
      description = "Task text, the target of sim and dsir (default: the first 50 corpus documents).")
  List<String> tasks = List.of();

  @Option(names = "--text-field", defaultValue = "text", showDefaultValue = Visibility.ALWAYS, paramLabel = "F",
      description = "Field holding the text in --input and --task records.")
  String textField;

  @Option(names = "--peer-dsir", paramLabel = "DIR",
      description = "The DSIR reference implementation (run_dsir.py and data_selection/), e.g. ../shared/peers/dsir.")
  Path peerDsir;

  private record Corpus(List<Document> documents, long bytes) {}

  /** What a row scored and how fast per CPU second, for comparing rows with each other and with a peer. */
  private record RowScores(String name, List<ScoreRow> rows, double docsPerCpuSecond, double megabytesPerCpuSecond,
      double fitCpuSeconds) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    DsirPeer peer = peerDsir == null ? null : new DsirPeer(peerDsir);
    if (peer != null && peer.unavailable() != null) {
      throw new UserError("--peer-dsir: " + peer.unavailable());
    }
    Path dir = Files.createTempDirectory("cpt-bench-score");
    try (StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      Path tokenizerDir = Files.createDirectories(dir.resolve("tokenizer"));
      Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(tokenizerDir, 4096);
      Corpus corpus;
      Path proxy = dir.resolve("proxy");
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir)) {
        corpus = inputs.isEmpty() ? generate(docs, tokenizer)
            : ingested(context, IngestSet.CORPUS, inputs, tokenizerDir, dir.resolve("corpus"), docs);
        NeoXConfig config;
        try {
          config = NeoXConfig.preset(pplPreset, tokenizer.vocabSize());
        } catch (IllegalArgumentException e) {
          throw new UserError("--ppl-preset: " + e.getMessage());
        }
        ModelFiles.save(config, GptNeoX.randomWeights(config, 1), tokenizerJson, proxy);
      }
      List<String> taskTexts = tasks.isEmpty()
          ? texts(corpus.documents().subList(0, Math.min(50, corpus.documents().size())))
          : texts(ingested(context, IngestSet.TASKS, tasks, tokenizerDir, dir.resolve("tasks"), Integer.MAX_VALUE)
              .documents());
      out.printf(Locale.ROOT, "score bench: %,d %s documents, %,.1f MB, %,d tokens; %,d task texts; %s, %d cores%n",
          corpus.documents().size(), inputs.isEmpty() ? "generated" : "ingested", corpus.bytes() / 1e6,
          corpus.documents().stream().mapToLong(Document::tokens).sum(), taskTexts.size(), LmRuntime.describe(),
          Runtime.getRuntime().availableProcessors());
      out.printf(Locale.ROOT, "%-44s %7s %12s %12s %10s %12s %7s %12s %10s %7s%n", "metric", "docs", "cpt docs/s",
          "cpt tok/s", "cpt MB/s", "raw docs/s", "ratio", "docs/cpu-s", "MB/cpu-s", "fit s");
      out.flush();
      List<MetricInputs> metricInputs = List.of(
          new MetricInputs(proxy.toString(), HashedNgramEmbedder.SPEC, 1024, true),
          new MetricInputs(proxy.toString(), OnnxEmbedder.BUILTIN_MINILM, 1024, true),
          new MetricInputs(proxy.toString(), OnnxEmbedder.BUILTIN_MINILM_INT8, 1024, true));
      List<RowScores> simRows = new ArrayList<>();
      RowScores dsirRow = null;
      for (ScoringMetric<?> metric : SpecFiles.METRICS.metrics()) {
        Set<SortedMap<String, Object>> settings = new LinkedHashSet<>();
        metricInputs.forEach(input -> settings.add(metric.settings(input)));
        for (SortedMap<String, Object> setting : settings) {
          Path fitted = Files.createDirectories(dir.resolve("fit-" + metric.key() + "-" + settings.size() + "-" + System.nanoTime()));
          LocalScorerContext scorerContext = new LocalScorerContext(context.models(), taskTexts, fitted);
          double fitSeconds = Double.NaN;
          if (metric.fitsCorpus(setting)) {
            long fitStart = cpuNanos();
            metric.fit(setting, action -> corpus.documents().forEach(action), scorerContext, fitted);
            fitSeconds = (cpuNanos() - fitStart) / 1e9;
          }
          RowScores row = row(out, dir, metric, setting, scorerContext, corpus.documents(), fitSeconds);
          if (metric.key().equals("sim")) {
            simRows.add(row);
          }
          if (metric.key().equals("dsir")) {
            dsirRow = row;
            if (peer != null) {
              if (!dsirSideBySide(out, peer, dir, metric, setting, scorerContext, corpus, taskTexts, row)) {
                return 1;
              }
            }
          }
        }
      }
      out.println("ratio = raw engine seconds / pipeline seconds on the same documents (1 = no overhead); every row"
          + " scores on one thread; docs/cpu-s and MB/cpu-s are per core: per CPU second of the whole process");
      agreements(out, simRows);
      if (dsirRow != null && peer == null) {
        out.println("(--peer-dsir DIR runs the authors' DSIR beside the dsir row and checks every weight)");
      }
    } finally {
      LocalFiles.deleteRecursively(dir);
    }
    return 0;
  }

  /** Times the shard pipeline and the raw engine on the same documents, each after a warm-up. */
  private RowScores row(PrintWriter out, Path dir, ScoringMetric<?> metric, SortedMap<String, Object> settings,
      LocalScorerContext context, List<Document> all, double fitSeconds) throws Exception {
    String name = metric.key() + " " + CanonicalJson.write(settings);
    Optional<RawEngine> raw = metric.rawEngine(settings, context);
    List<Document> warmUp = all.subList(0, Math.min(32, all.size()));
    double rawSeconds = Double.NaN;
    List<Document> documents = all;
    try (RawEngine engine = raw.orElse(texts -> { })) {
      if (raw.isPresent()) {
        engine.run(texts(warmUp));
        long probeStart = System.nanoTime();
        engine.run(texts(warmUp));
        double perDocument = (System.nanoTime() - probeStart) / 1e9 / warmUp.size();
        int count = (int) Math.min(all.size(), Math.max(64, secondsPerRow / Math.max(perDocument, 1e-9)));
        documents = all.subList(0, count);
        long rawStart = System.nanoTime();
        engine.run(texts(documents));
        rawSeconds = (System.nanoTime() - rawStart) / 1e9;
      }
    }
    Path shard = dir.resolve("shard-" + metric.key() + "-" + System.nanoTime() + ".jsonl.zst");
    try (ShardWriter writer = new ShardWriter(shard)) {
      documents.forEach(writer::write);
    }
    try (Scorer scorer = metric.scorer(settings, context); LocalStore parts = new LocalStore(dir.resolve("parts-" + System.nanoTime()))) {
      scorer.score(warmUp);
      long start = System.nanoTime();
      long cpuStart = cpuNanos();
      ShardScoring.Result result = ShardScoring.score(shard, scorer, new StoreScoreParts(parts, "p"), 512, (scored, persisted) -> {});
      ScoreTables.write(dir.resolve("table.parquet"), metric.column(), result.rows());
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
      long tokens = documents.stream().mapToLong(Document::tokens).sum();
      long bytes = texts(documents).stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
      out.printf(Locale.ROOT, "%-44s %7d %12.0f %12.0f %10.2f %12s %7s %12.0f %10.2f %7s%n", name, documents.size(),
          documents.size() / seconds, tokens / seconds, bytes / 1e6 / seconds, Double.isNaN(rawSeconds) ? "–"
              : String.format(Locale.ROOT, "%.0f", documents.size() / rawSeconds), Double.isNaN(rawSeconds) ? "–"
              : String.format(Locale.ROOT, "%.3f", rawSeconds / seconds), documents.size() / cpuSeconds,
          bytes / 1e6 / cpuSeconds, Double.isNaN(fitSeconds) ? "–" : String.format(Locale.ROOT, "%.1f", fitSeconds));
      out.flush();
      return new RowScores(name, result.rows(), documents.size() / cpuSeconds, bytes / 1e6 / cpuSeconds, fitSeconds);
    }
  }

  /**
   * DSIR itself on the same corpus and target, one process: its rates beside ours, and every document's log weight and
   * eligibility compared. False when they disagree.
   */
  private boolean dsirSideBySide(PrintWriter out, DsirPeer peer, Path dir, ScoringMetric<?> metric,
      SortedMap<String, Object> settings, LocalScorerContext context, Corpus corpus, List<String> taskTexts,
      RowScores ours) {
    List<Document> documents = corpus.documents();
    List<ScoreRow> rows = ours.rows();
    if (rows.size() < documents.size()) { // a slow row scored a prefix: weigh the rest for the comparison
      rows = new ArrayList<>(rows);
      try (Scorer scorer = metric.scorer(settings, context)) {
        List<Document> rest = documents.subList(rows.size(), documents.size());
        Scorer.Scored scored = scorer.scoreBatch(rest);
        for (int i = 0; i < rest.size(); i++) {
          rows.add(new ScoreRow(rest.get(i).id(), rest.get(i).sourceId(), rest.get(i).tokens(), scored.scores()[i],
              scored.eligible()[i]));
        }
      }
    }
    DsirPeer.Run run = peer.run(documents.stream().map(Document::id).toList(), texts(documents), taskTexts,
        dir.resolve("dsir-peer"), 0.1, 0, false);
    double worst = 0;
    int worstIndex = -1;
    int eligibilityDiffers = 0;
    long ourEligible = 0;
    long theirEligible = 0;
    for (int i = 0; i < documents.size(); i++) {
      DsirPeer.Weight theirs = run.weights().get(i);
      ScoreRow mine = rows.get(i);
      if (!theirs.id().equals(mine.id())) {
        throw new IllegalStateException("DSIR's row " + i + " is " + theirs.id() + ", ours " + mine.id());
      }
      double scale = Math.max(Math.abs(theirs.logWeight()), Math.abs(mine.score()));
      double relative = scale == 0 ? 0 : Math.abs(theirs.logWeight() - mine.score()) / scale;
      if (worstIndex < 0 || relative > worst) {
        worst = relative;
        worstIndex = i;
      }
      ourEligible += Boolean.TRUE.equals(mine.eligible()) ? 1 : 0;
      theirEligible += theirs.eligible() ? 1 : 0;
      if (theirs.eligible() != Boolean.TRUE.equals(mine.eligible())) {
        eligibilityDiffers++;
      }
    }
    double mb = corpus.bytes() / 1e6;
    double peerDocsPerSecond = documents.size() / run.weightSeconds();
    out.printf(Locale.ROOT, "%-44s %7d %12s %12s %10s %12s %7s %12.0f %10.2f %7.1f%n", "dsir: the authors' DSIR "
        + run.summary().path("dsir_version").asText() + " (1 process)", documents.size(), "–", "–", "–", "–", "–",
        peerDocsPerSecond, mb / run.weightSeconds(), run.fitSeconds());
    out.printf(Locale.ROOT, "  dsir against DSIR, per core (CPU seconds): %.1f× its docs/s (%.0f vs %.0f), %.1f× its MB/s"
        + " (%.2f vs %.2f); fit %.1f vs %.1f CPU s%n", ours.docsPerCpuSecond() / peerDocsPerSecond,
        ours.docsPerCpuSecond(), peerDocsPerSecond, ours.megabytesPerCpuSecond() / (mb / run.weightSeconds()),
        ours.megabytesPerCpuSecond(), mb / run.weightSeconds(), ours.fitCpuSeconds(), run.fitSeconds());
    boolean agree = worst <= DSIR_TOLERANCE && eligibilityDiffers == 0;
    out.printf(Locale.ROOT, "  log weights: largest relative difference %.2e over %,d documents (limit %.0e; document %s:"
        + " ours %s, DSIR's %s); eligible: %,d ours, %,d DSIR's, %,d differ: %s%n", worst, documents.size(),
        DSIR_TOLERANCE, documents.get(worstIndex).id(), rows.get(worstIndex).score(),
        run.weights().get(worstIndex).logWeight(), ourEligible, theirEligible, eligibilityDiffers,
        agree ? "agree" : "DISAGREE");
    out.flush();
    return agree;
  }

  /** Each sim setting's order against fp32 MiniLM's on the documents both scored. */
  private static void agreements(PrintWriter out, List<RowScores> simRows) {
    RowScores reference = simRows.stream().filter(row -> row.name().contains("\"" + OnnxEmbedder.BUILTIN_MINILM + "\""))
        .findFirst().orElse(null);
    if (reference == null) {
      return;
    }
    for (RowScores row : simRows) {
      if (row == reference) {
        continue;
      }
      int n = Math.min(row.rows().size(), reference.rows().size());
      if (n < 10) {
        continue;
      }
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = reference.rows().get(i).score();
        b[i] = row.rows().get(i).score();
      }
      out.printf(Locale.ROOT, "agreement with %s on %,d documents: Spearman %.4f, top-10%% overlap %.3f%n", row.name(), n,
          RankAgreement.spearman(a, b), RankAgreement.topOverlap(a, b, 0.10));
    }
  }

  /** CPU time of this whole process (scoring threads, DuckDB's, the JIT's and the collector's). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<String> texts(List<Document> documents) {
    return documents.stream().map(Document::text).toList();
  }

  /** The sweep's ingest of {@code uris} (nothing held out), its first {@code limit} documents. */
  private Corpus ingested(StageContext context, IngestSet set, List<String> uris, Path tokenizer, Path out, int limit) {
    List<IngestSource> sources = uris.stream()
        .map(uri -> new IngestSource(uri, textField, SourceFormat.AUTO, null, set == IngestSet.TASKS ? "task" : null))
        .toList();
    IngestSummary summary;
    try {
      summary = IngestRun.run(context, new IngestParams(set, sources, tokenizer.toString(), 10_000, BadRecordPolicy.SKIP,
          true, 0.0, 0, null), out);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    List<Document> documents = new ArrayList<>();
    long bytes = 0;
    for (int shard = 0; shard < summary.shards() && documents.size() < limit; shard++) {
      try (ShardReader reader = ShardReader.open(out.resolve(IngestOutput.shardName(shard)))) {
        while (reader.hasNext() && documents.size() < limit) {
          Document document = reader.next();
          documents.add(document);
          bytes += document.text().getBytes(StandardCharsets.UTF_8).length;
        }
      }
    }
    if (documents.isEmpty()) {
      throw new UserError(String.join(", ", uris) + ": no document to score");
    }
    return new Corpus(documents, bytes);
  }

  /** Seeded finance-and-general prose of 50 to 400 words per document. */
  private static Corpus generate(int count, LmTokenizer tokenizer) {
    String[] words = BuiltinCorpus.text().split("\\s+");
    SplittableRandom random = new SplittableRandom(42);
    List<String> texts = new ArrayList<>(count);
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      int start = random.nextInt(words.length - 400);
      int length = 50 + random.nextInt(350);
      String text = String.join(" ", java.util.Arrays.asList(words).subList(start, start + length));
      texts.add(text);
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }
    List<Document> documents = new ArrayList<>(count);
    for (int start = 0; start < count; start += 512) {
      List<String> batch = texts.subList(start, Math.min(count, start + 512));
      List<int[]> tokens = tokenizer.encodeBatch(batch);
      for (int i = 0; i < batch.size(); i++) {
        documents.add(new Document(String.format("doc%06d", start + i), batch.get(i), tokens.get(i).length, "bench"));
      }
    }
    return new Corpus(documents, bytes);
  }
}
