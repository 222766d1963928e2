package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.BadRecordPolicy;
import dev.cptflow.activities.corpus.IngestParams;
import dev.cptflow.activities.corpus.IngestSource;
import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.corpus.Ingestor;
import dev.cptflow.activities.corpus.ShardFiles;
import dev.cptflow.activities.corpus.SourceFormat;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Turn corpus files into shards with stable ids and a held-out split, without Temporal.",
    description = {
      "Turn corpus files into shards, without Temporal: NFC-normalise, give stable ids, drop exact duplicates,",
      "split off a held-out sample and count tokens. Writes OUT/docs-NNNNN.jsonl.zst, OUT/heldout-domain.jsonl.zst",
      "and OUT/summary.json. Inputs are paths, file:/ or s3:// URIs, with globs (*, ?, **, {a,b})."
    })
public class IngestCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "URI", description = "Source files or globs.")
  List<String> inputs;

  @Option(names = "--text-field", defaultValue = "text", showDefaultValue = Visibility.ALWAYS, paramLabel = "F",
      description = "Field (dotted path) holding the text, for JSONL and Parquet.")
  String textField;

  @Option(names = "--format", defaultValue = "auto", showDefaultValue = Visibility.ALWAYS, paramLabel = "FORMAT",
      description = "auto (by extension), jsonl, parquet, text-lines or text-files.")
  String format;

  @Option(names = "--tokenizer", required = true, paramLabel = "PATH", description = "tokenizer.json, or a directory holding one.")
  Path tokenizer;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--shard-docs", defaultValue = "100000", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Training documents per shard.")
  int shardDocs;

  @Option(names = "--heldout", defaultValue = "0.001", showDefaultValue = Visibility.ALWAYS, paramLabel = "F",
      description = "Fraction of documents drawn into the held-out split.")
  double heldout;

  @Option(names = "--seed", defaultValue = "1234", showDefaultValue = Visibility.ALWAYS, paramLabel = "S",
      description = "Seed of the held-out draw.")
  long seed;

  @Option(names = "--on-bad-record", defaultValue = "skip", showDefaultValue = Visibility.ALWAYS, paramLabel = "fail|skip",
      description = "skip: count bad records and go on; fail: stop at the first.")
  BadRecordPolicy onBadRecord;

  @Option(names = "--no-dedup", description = "Keep exact duplicates.")
  boolean noDedup;

  @Mixin StoreOptions storeOptions;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter console = command.commandLine().getOut();
    IngestParams params;
    try {
      SourceFormat sourceFormat = SourceFormat.parse(format);
      params = new IngestParams(inputs.stream().map(uri -> new IngestSource(uri, textField, sourceFormat)).toList(),
          shardDocs, onBadRecord, !noDedup, heldout, seed, out);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    long started = System.nanoTime();
    IngestSummary summary;
    try (StoreRegistry stores = storeOptions.registry(); LmTokenizer lmTokenizer = LmTokenizer.load(tokenizer)) {
      summary = new Ingestor(new SourceResolver(stores::open), lmTokenizer).ingest(params);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    print(console, summary, (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private void print(PrintWriter console, IngestSummary summary, double seconds) {
    long files = summary.sources().stream().mapToLong(source -> source.files().size()).sum();
    console.printf(Locale.ROOT, "files: %d from %d sources%n", files, summary.sources().size());
    console.printf(Locale.ROOT, "docs read: %d%n", summary.docsRead());
    console.printf(Locale.ROOT, "docs written: %d in %d shards%n", summary.docsWritten(), summary.shards());
    console.printf(Locale.ROOT, "tokens: %d%n", summary.tokens());
    console.printf(Locale.ROOT, "held-out: %d docs, %d tokens%n", summary.heldoutDocs(), summary.heldoutTokens());
    console.printf(Locale.ROOT, "duplicates: %d%n", summary.duplicates());
    console.printf(Locale.ROOT, "skipped: %d%n", summary.skipped().total());
    summary.skipped().counts().forEach((reason, count) -> console.printf(Locale.ROOT, "  %s: %d (first at %s)%n",
        reason, count, String.join(", ", summary.skipped().firstLocations().get(reason))));
    summary.docsBySource().forEach((source, count) -> console.printf(Locale.ROOT, "source %s: %d docs%n", source, count));
    console.printf(Locale.ROOT, "wrote %s (summary in %s) in %.1fs%n", out.toAbsolutePath(),
        out.toAbsolutePath().resolve(ShardFiles.SUMMARY), seconds);
  }
}
