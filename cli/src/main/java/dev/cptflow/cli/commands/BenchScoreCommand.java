package dev.cptflow.cli.commands;

import ai.djl.Device;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardWriter;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.score.EntScorer;
import dev.cptflow.activities.score.HashedNgramEmbedder;
import dev.cptflow.activities.score.OnnxEmbedder;
import dev.cptflow.activities.score.PplScorer;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.SimScorer;
import dev.cptflow.activities.score.StoreScoreParts;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.activities.store.LocalStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true,
    description = {
      "Docs/s and tokens/s of each metric's shard pipeline (read shard, score in batches, persist parts,",
      "write Parquet) against its raw engine on the same texts in the same run: the embedder alone for sim,",
      "the OpenNLP tag loop alone for ent, the LM scoring forward alone for ppl."
    })
public class BenchScoreCommand implements Callable<Integer> {
  @Option(names = "--docs", defaultValue = "20000", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Generated documents (hashed-ngrams sim and ent run on all of them).")
  int docs;

  @Option(names = "--minilm-docs", defaultValue = "256", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Documents for the MiniLM sim row (it is slow on CPU).")
  int miniLmDocs;

  @Option(names = "--ppl-docs", defaultValue = "1000", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Documents for the ppl row.")
  int pplDocs;

  @Option(names = "--ppl-preset", defaultValue = "tiny", showDefaultValue = Visibility.ALWAYS, paramLabel = "NAME",
      description = "Proxy model shape for ppl (random weights).")
  String pplPreset;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  private record Corpus(List<Document> documents, long bytes) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    Path dir = Files.createTempDirectory("cpt-bench-score");
    try {
      Path tokenizerDir = Files.createDirectories(dir.resolve("tokenizer"));
      BuiltinCorpus.writeDefaultTokenizer(tokenizerDir, 4096);
      Corpus corpus;
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir)) {
        corpus = generate(docs, tokenizer);
      }
      List<String> tasks = corpus.documents().subList(0, 50).stream().map(Document::text).toList();
      out.printf(Locale.ROOT, "score bench: %,d generated documents, %,.1f MB, %,d tokens, %d cores%n", corpus.documents().size(),
          corpus.bytes() / 1e6, corpus.documents().stream().mapToLong(Document::tokens).sum(), Runtime.getRuntime().availableProcessors());
      out.printf(Locale.ROOT, "%-14s %7s %12s %12s %10s %12s %7s%n", "metric", "docs", "cpt docs/s", "cpt tok/s", "cpt MB/s", "raw docs/s", "ratio");
      out.flush();

      HashedNgramEmbedder hashed = new HashedNgramEmbedder();
      row(out, dir, "sim (hashed)", corpus.documents(), () -> new SimScorer(new HashedNgramEmbedder(), tasks),
          texts -> texts.forEach(hashed::embedSparse));
      List<Document> few = corpus.documents().subList(0, Math.min(miniLmDocs, corpus.documents().size()));
      try (OnnxEmbedder raw = OnnxEmbedder.builtinMiniLm()) {
        row(out, dir, "sim (minilm)", few, () -> new SimScorer(OnnxEmbedder.builtinMiniLm(), tasks), texts -> batches(texts, 32, raw::embed));
      }
      try (EntScorer rawTagger = new EntScorer()) {
        row(out, dir, "ent", corpus.documents(), EntScorer::new, texts -> texts.forEach(rawTagger::tags));
      }
      List<Document> pplSample = corpus.documents().subList(0, Math.min(pplDocs, corpus.documents().size()));
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir)) {
        NeoXConfig config = NeoXConfig.preset(pplPreset, tokenizer.vocabSize());
        Map<String, float[]> weights = GptNeoX.randomWeights(config, 1);
        try (GptNeoX rawModel = GptNeoX.fromWeights(config, weights::get, Device.cpu())) {
          LmScorer rawScorer = new LmScorer(rawModel, 8192, 64);
          row(out, dir, "ppl (" + pplPreset + ")", pplSample,
              () -> new PplScorer(GptNeoX.fromWeights(config, weights::get, Device.cpu()), LmTokenizer.load(tokenizerDir), 1024, 8192),
              texts -> batches(texts, 32, batch -> rawScorer.meanNll(tokenizer.encodeBatch(batch), 1024, tokenizer.eosId())));
        }
      }
    } finally {
      LocalFiles.deleteRecursively(dir);
    }
    return 0;
  }

  /** Times the shard pipeline and the raw engine on the same documents, each after a warm-up. */
  private void row(PrintWriter out, Path dir, String name, List<Document> documents,
      java.util.function.Supplier<Scorer> scorers, Consumer<List<String>> raw) throws Exception {
    Path shard = dir.resolve("shard-" + name.replaceAll("\\W", "") + ".jsonl.zst");
    try (ShardWriter writer = new ShardWriter(shard)) {
      documents.forEach(writer::write);
    }
    List<String> texts = documents.stream().map(Document::text).toList();
    raw.accept(texts.subList(0, Math.min(32, texts.size())));
    long rawStart = System.nanoTime();
    raw.accept(texts);
    double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

    try (Scorer scorer = scorers.get(); LocalStore parts = new LocalStore(dir.resolve("parts-" + System.nanoTime()))) {
      scorer.score(documents.subList(0, Math.min(32, documents.size())));
      long start = System.nanoTime();
      ShardScoring.Result result = ShardScoring.score(shard, scorer, new StoreScoreParts(parts, "p"), 512, (scored, persisted) -> {});
      ScoreTables.write(dir.resolve("table.parquet"), scorer.metric(), result.rows());
      double seconds = (System.nanoTime() - start) / 1e9;
      long tokens = documents.stream().mapToLong(Document::tokens).sum();
      long bytes = texts.stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
      out.printf(Locale.ROOT, "%-14s %7d %12.0f %12.0f %10.1f %12.0f %7.3f%n", name, documents.size(), documents.size() / seconds,
          tokens / seconds, bytes / 1e6 / seconds, documents.size() / rawSeconds, rawSeconds / seconds);
      out.flush();
    }
  }

  private static <T> void batches(List<String> texts, int size, java.util.function.Function<List<String>, T> engine) {
    for (int start = 0; start < texts.size(); start += size) {
      engine.apply(texts.subList(start, Math.min(texts.size(), start + size)));
    }
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
