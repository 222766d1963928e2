package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardWriter;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.metric.RawEngine;
import dev.cptflow.activities.metric.ScoringMetric;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.StoreScoreParts;
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
      "OpenNLP tag loop alone for ent, the LM scoring forward alone for ppl. A metric gets one row per distinct",
      "setting the bench's inputs give it (sim: hashed n-grams and MiniLM); slow rows score fewer documents."
    })
public class BenchScoreCommand extends CommandBase {
  @Option(names = "--docs", defaultValue = "20000", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Generated documents; a row scores at most this many.")
  int docs;

  @Option(names = "--seconds-per-row", defaultValue = "20", showDefaultValue = Visibility.ALWAYS, paramLabel = "S",
      description = "A row scores as many documents as its raw engine handles in about this long (at least 64).")
  double secondsPerRow;

  @Option(names = "--ppl-preset", defaultValue = "tiny", showDefaultValue = Visibility.ALWAYS, paramLabel = "NAME",
      description = "Proxy model shape for perplexity metrics (random weights).")
  String pplPreset;

  private record Corpus(List<Document> documents, long bytes) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    Path dir = Files.createTempDirectory("cpt-bench-score");
    try (StoreRegistry stores = new StoreRegistry(S3Config.defaults())) {
      Path tokenizerDir = Files.createDirectories(dir.resolve("tokenizer"));
      Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(tokenizerDir, 4096);
      Corpus corpus;
      Path proxy = dir.resolve("proxy");
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir)) {
        corpus = generate(docs, tokenizer);
        NeoXConfig config;
        try {
          config = NeoXConfig.preset(pplPreset, tokenizer.vocabSize());
        } catch (IllegalArgumentException e) {
          throw new UserError("--ppl-preset: " + e.getMessage());
        }
        ModelFiles.save(config, GptNeoX.randomWeights(config, 1), tokenizerJson, proxy);
      }
      List<String> tasks = corpus.documents().subList(0, 50).stream().map(Document::text).toList();
      out.printf(Locale.ROOT, "score bench: %,d generated documents, %,.1f MB, %,d tokens, %s, %d cores%n",
          corpus.documents().size(), corpus.bytes() / 1e6, corpus.documents().stream().mapToLong(Document::tokens).sum(),
          LmRuntime.describe(), Runtime.getRuntime().availableProcessors());
      out.printf(Locale.ROOT, "%-34s %7s %12s %12s %10s %12s %7s%n", "metric", "docs", "cpt docs/s", "cpt tok/s", "cpt MB/s",
          "raw docs/s", "ratio");
      out.flush();
      StageContext context = ProductionActivities.stageContext(stores, SpecFiles.METRICS);
      LocalScorerContext scorerContext = new LocalScorerContext(context.models(), tasks, Files.createDirectories(dir.resolve("fit")));
      List<MetricInputs> inputs = List.of(
          new MetricInputs(proxy.toString(), "builtin:hashed-ngrams", 1024, true),
          new MetricInputs(proxy.toString(), "builtin:all-minilm-l6-v2", 1024, true));
      for (ScoringMetric<?> metric : SpecFiles.METRICS.metrics()) {
        Set<SortedMap<String, Object>> settings = new LinkedHashSet<>();
        inputs.forEach(input -> settings.add(metric.settings(input)));
        for (SortedMap<String, Object> setting : settings) {
          if (metric.fitsCorpus()) {
            metric.fit(setting, action -> corpus.documents().forEach(action), scorerContext, scorerContext.fitted());
          }
          row(out, dir, metric, setting, scorerContext, corpus.documents());
        }
      }
      out.println("ratio = raw engine seconds / pipeline seconds on the same documents (1 = no overhead)");
    } finally {
      LocalFiles.deleteRecursively(dir);
    }
    return 0;
  }

  /** Times the shard pipeline and the raw engine on the same documents, each after a warm-up. */
  private void row(PrintWriter out, Path dir, ScoringMetric<?> metric, SortedMap<String, Object> settings,
      LocalScorerContext context, List<Document> all) throws Exception {
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
      ShardScoring.Result result = ShardScoring.score(shard, scorer, new StoreScoreParts(parts, "p"), 512, (scored, persisted) -> {});
      ScoreTables.write(dir.resolve("table.parquet"), metric.column(), result.rows());
      double seconds = (System.nanoTime() - start) / 1e9;
      long tokens = documents.stream().mapToLong(Document::tokens).sum();
      long bytes = texts(documents).stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
      out.printf(Locale.ROOT, "%-34s %7d %12.0f %12.0f %10.1f %12s %7s%n", name, documents.size(), documents.size() / seconds,
          tokens / seconds, bytes / 1e6 / seconds, Double.isNaN(rawSeconds) ? "–" : String.format(Locale.ROOT, "%.0f",
              documents.size() / rawSeconds), Double.isNaN(rawSeconds) ? "–" : String.format(Locale.ROOT, "%.3f", rawSeconds / seconds));
      out.flush();
    }
  }

  private static List<String> texts(List<Document> documents) {
    return documents.stream().map(Document::text).toList();
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
