package dev.cptflow.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.BadRecordPolicy;
import dev.cptflow.activities.corpus.BadRecords;
import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.DocumentIds;
import dev.cptflow.activities.corpus.InputFile;
import dev.cptflow.activities.corpus.ShardWriter;
import dev.cptflow.activities.corpus.SkippedRecords;
import dev.cptflow.activities.corpus.SourceFormat;
import dev.cptflow.activities.corpus.SourceRecord;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.score.Embedders;
import dev.cptflow.activities.score.EntScorer;
import dev.cptflow.activities.score.PplScorer;
import dev.cptflow.activities.score.ScoreRow;
import dev.cptflow.activities.score.ScoreTables;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.ShardScoring;
import dev.cptflow.activities.score.SimScorer;
import dev.cptflow.activities.score.StoreScoreParts;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.activities.store.LocalStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.StoreOptions;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true,
    header = "Score documents with one selection metric (sim, ppl, ent), without Temporal.",
    description = {
      "Score documents with one selection metric, without Temporal: sim (similarity to --task text),",
      "ppl (perplexity under --model) or ent (POS-tag entropy). Output: id, tokens, <metric>, as .parquet,",
      ".jsonl or .csv by the --out extension."
    })
public class ScoreCommand implements Callable<Integer> {
  @Option(names = "--metric", required = true, paramLabel = "M", description = "sim, ppl or ent.")
  String metric;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI", description = "Corpus files or globs (file: or s3:).")
  List<String> inputs;

  @Option(names = "--text-field", defaultValue = "text", showDefaultValue = Visibility.ALWAYS, paramLabel = "F")
  String textField;

  @Option(names = "--format", defaultValue = "auto", showDefaultValue = Visibility.ALWAYS, paramLabel = "FORMAT",
      description = "auto, jsonl, parquet, text-lines or text-files.")
  String format;

  @Option(names = "--task", arity = "1..*", paramLabel = "URI", description = "Task text (JSONL etc.) for sim.")
  List<String> tasks = List.of();

  @Option(names = "--model", paramLabel = "DIR", description = "Proxy model for ppl; its tokenizer also counts tokens.")
  Path model;

  @Option(names = "--tokenizer", paramLabel = "DIR", description = "Tokenizer that counts tokens (default: --model's).")
  Path tokenizer;

  @Option(names = "--embedder", defaultValue = "builtin:all-minilm-l6-v2", showDefaultValue = Visibility.ALWAYS, paramLabel = "E",
      description = "builtin:all-minilm-l6-v2, builtin:hashed-ngrams, or a directory with model.onnx + tokenizer.json.")
  String embedder;

  @Option(names = "--max-tokens", defaultValue = "1024", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Tokens of each document that ppl scores.")
  int maxTokens;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: .parquet, .jsonl or .csv.")
  Path out;

  @Mixin StoreOptions storeOptions;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = command.commandLine().getOut();
    String extension = extension(out);
    if (!List.of("sim", "ppl", "ent").contains(metric)) {
      throw new UserError("--metric: must be sim, ppl or ent, got '" + metric + "'");
    }
    if ("sim".equals(metric) && tasks.isEmpty()) {
      throw new UserError("--task is required for --metric sim (the text documents are compared with)");
    }
    if ("ppl".equals(metric) && model == null) {
      throw new UserError("--model is required for --metric ppl (the proxy model)");
    }
    Path tokenizerDir = tokenizer != null ? tokenizer : model;
    if (tokenizerDir == null) {
      throw new UserError("--tokenizer (or --model) is required: scores carry token counts");
    }
    Path work = Files.createTempDirectory("cpt-score");
    try (StoreRegistry stores = storeOptions.registry(); LmTokenizer counter = LmTokenizer.load(tokenizerDir);
        LocalStore parts = new LocalStore(work.resolve("parts"))) {
      SourceResolver resolver = new SourceResolver(stores::open);
      Path shard = work.resolve("docs.jsonl.zst");
      BadRecords bad = new BadRecords(BadRecordPolicy.SKIP);
      long documents;
      try (ShardWriter writer = new ShardWriter(shard)) {
        documents = read(resolver, inputs, bad, batch -> {
          List<int[]> tokens = counter.encodeBatch(batch.stream().map(SourceRecord::text).toList());
          for (int i = 0; i < batch.size(); i++) {
            SourceRecord record = batch.get(i);
            writer.write(new Document(DocumentIds.id(record.fileUri(), record.position()), record.text(), tokens.get(i).length,
                record.sourceLabel()));
          }
        });
      }
      if (documents == 0) {
        throw new UserError("no documents to score in " + inputs);
      }
      try (Scorer scorer = scorer(resolver, bad)) {
        long start = System.nanoTime();
        ShardScoring.Result result = ShardScoring.score(shard, scorer, new StoreScoreParts(parts, "parts"), 4096, (scored, persisted) -> {});
        write(result.rows(), extension);
        double seconds = (System.nanoTime() - start) / 1e9;
        SkippedRecords skipped = bad.snapshot();
        if (skipped.total() > 0) {
          console.println("skipped " + skipped.total() + " records: " + skipped.summary());
        }
        console.printf(Locale.ROOT, "scored %,d documents with %s in %.1fs (%.0f docs/s); wrote %s%n", result.rows().size(), metric,
            seconds, result.rows().size() / seconds, out);
      }
    } finally {
      LocalFiles.deleteRecursively(work);
    }
    return 0;
  }

  private Scorer scorer(SourceResolver resolver, BadRecords bad) {
    return switch (metric) {
      case "sim" -> {
        List<String> taskTexts = new ArrayList<>();
        read(resolver, tasks, bad, batch -> batch.forEach(record -> taskTexts.add(record.text())));
        if (taskTexts.isEmpty()) {
          throw new UserError("--task: no task text found in " + tasks);
        }
        yield new SimScorer(Embedders.open(embedder), taskTexts);
      }
      case "ppl" -> new PplScorer(ModelFiles.load(model, LmRuntime.defaultDevice()), LmTokenizer.load(model), maxTokens, 8192);
      default -> new EntScorer();
    };
  }

  /** Reads every record of the inputs in batches of 256; returns how many. */
  private long read(SourceResolver resolver, List<String> uris, BadRecords bad, Consumer<List<SourceRecord>> batches) {
    long count = 0;
    List<SourceRecord> batch = new ArrayList<>();
    for (String uri : uris) {
      for (InputFile file : resolver.resolve(uri)) {
        List<SourceRecord> records = new ArrayList<>();
        SourceFormat.parse(format).reader(file, textField).read(file, records::add, bad);
        for (SourceRecord record : records) {
          batch.add(record);
          count++;
          if (batch.size() == 256) {
            batches.accept(batch);
            batch = new ArrayList<>();
          }
        }
      }
    }
    if (!batch.isEmpty()) {
      batches.accept(batch);
    }
    return count;
  }

  private void write(List<ScoreRow> rows, String extension) throws Exception {
    switch (extension) {
      case "parquet" -> ScoreTables.write(out, metric, rows);
      case "jsonl" -> {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
          for (ScoreRow row : rows) {
            writer.write(json.writeValueAsString(java.util.Map.of("id", row.id(), "tokens", row.tokens(), metric, row.score())));
            writer.write('\n');
          }
        }
      }
      default -> {
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
          writer.write("id,tokens," + metric + "\n");
          for (ScoreRow row : rows) {
            writer.write(row.id() + "," + row.tokens() + "," + row.score() + "\n");
          }
        }
      }
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    for (String extension : List.of("parquet", "jsonl", "csv")) {
      if (name.endsWith("." + extension)) {
        return extension;
      }
    }
    throw new UserError("--out " + file + ": the extension must be .parquet, .jsonl or .csv");
  }
}
