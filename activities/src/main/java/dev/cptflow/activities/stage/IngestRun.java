package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.corpus.Ingestor;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One ingest, as the ingest stage and the commands that read a corpus ({@code cpt ingest}, {@code cpt score},
 * {@code cpt train}) run it: the tokenizer of {@code params.tokenizer()} counts tokens, the {@link Ingestor} writes
 * the shards into a local directory.
 */
public final class IngestRun {
  private IngestRun() {}

  public static IngestSummary run(StageContext context, IngestParams params, Path outputDir) {
    // A model directory (a sweep names the base model), or a tokenizer.json file (a command line may).
    Path file = Path.of(context.schemes().localPath(params.tokenizer()));
    Path tokenizer = Files.isRegularFile(file) ? file : context.models().resolve(params.tokenizer());
    try (LmTokenizer counter = LmTokenizer.load(tokenizer)) {
      return new Ingestor(context.sources(), counter).ingest(params, outputDir);
    }
  }

  /** The stage's output record for what {@code summary} says was written under {@code prefix}. */
  public static IngestOutput output(String prefix, IngestSummary summary) {
    return new IngestOutput(prefix, summary.shards(), summary.docsWritten(), summary.tokens(), summary.heldoutDocs(),
        summary.heldoutTokens(), summary.duplicates(), summary.skipped().total());
  }
}
