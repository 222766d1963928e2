package dev.cptflow.cli.commands;

import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.stage.IngestRun;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.CleaningOptions;
import dev.cptflow.cli.options.SeedOption;
import dev.cptflow.cli.options.SourceOptions;
import dev.cptflow.cli.options.StoreOptions;
import dev.cptflow.workers.ProductionActivities;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Turn corpus files into shards with stable ids and a held-out split, without Temporal.",
    description = {
      "Turn corpus files into shards, without Temporal: NFC-normalise, give stable ids, drop exact duplicates,",
      "split off a held-out sample and count tokens. Writes OUT/docs-NNNNN.jsonl.zst, OUT/heldout-domain.jsonl.zst",
      "and OUT/summary.json. Inputs are paths, file:/ or s3:// URIs, with globs (*, ?, **, {a,b})."
    })
public class IngestCommand extends CommandBase {
  @Mixin SourceOptions source;
  @Mixin CleaningOptions cleaning;
  @Mixin SeedOption seed;

  @Option(names = "--tokenizer", required = true, paramLabel = "PATH",
      description = "tokenizer.json, or a model directory holding one (a path, file: or s3: URI).")
  String tokenizer;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--heldout", descriptionKey = "heldout.domain_fraction", paramLabel = "F",
      description = "Fraction of documents drawn into the held-out split. Default: ${DEFAULT-VALUE}.")
  double heldout;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() {
    PrintWriter console = out();
    IngestParams params;
    try {
      params = new IngestParams(IngestSet.CORPUS, source.sources(), tokenizer, cleaning.shardDocs(), cleaning.onBadRecord(),
          cleaning.dedup(), heldout, seed.seed(), null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    long started = System.nanoTime();
    IngestSummary summary;
    try (StoreRegistry stores = storeOptions.registry()) {
      summary = IngestRun.run(ProductionActivities.stageContext(stores, SpecFiles.METRICS), params, out);
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
        out.toAbsolutePath().resolve(IngestOutput.SUMMARY), seconds);
  }
}
