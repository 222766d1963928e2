package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns corpus sources into shards (docs/architecture.md, "Corpus and metrics"): every record is NFC-normalised,
 * given a stable id (its own id kept beside), checked for exact duplicates, drawn into training or held-out,
 * token-counted and written. It streams: memory holds one tokenizer batch and the dedup set ({@link ExactDedup}),
 * never the corpus. The ingest stage and every command that reads a corpus ({@code cpt ingest}, {@code cpt score},
 * {@code cpt train}) run it, so they see the same documents.
 */
public final class Ingestor {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SourceResolver resolver;
  private final LmTokenizer tokenizer;

  public Ingestor(SourceResolver resolver, LmTokenizer tokenizer) {
    this.resolver = resolver;
    this.tokenizer = tokenizer;
  }

  /**
   * Writes {@code docs-NNNNN.jsonl.zst}, {@code heldout-domain.jsonl.zst} and {@code summary.json} into
   * {@code outputDir}. Throws {@link IllegalArgumentException} for a source that matches nothing, a bad record under
   * {@code on_bad_record: fail} ({@link BadRecordException}), or no training documents. With {@code maxDocs}, reading
   * stops once that many documents are kept.
   */
  public IngestSummary ingest(IngestParams params, Path outputDir) {
    // Resolve every source first, so a typo in the last one fails before any work is done.
    List<List<InputFile>> files = params.sources().stream().map(source -> resolver.resolve(source.uri())).toList();
    BadRecords bad = new BadRecords(params.onBadRecord());
    ExactDedup dedup = params.dedup() ? new ExactDedup() : null;
    ShardedOutput output = new ShardedOutput(tokenizer, outputDir, params.shardDocs());
    long[] read = {0};
    long[] duplicates = {0};
    long maxDocs = params.maxDocs() == null ? Long.MAX_VALUE : params.maxDocs();
    try {
      for (int s = 0; s < files.size() && read[0] - duplicates[0] < maxDocs; s++) {
        IngestSource source = params.sources().get(s);
        for (InputFile file : files.get(s)) {
          if (read[0] - duplicates[0] >= maxDocs) {
            break;
          }
          RecordReaders.forFile(source.format(), file, source.textField(), source.idField()).read(file, record -> {
            if (read[0] - duplicates[0] >= maxDocs) {
              return; // the rest of the file is not needed
            }
            read[0]++;
            String text = Normalizer.normalize(record.text(), Normalizer.Form.NFC);
            if (dedup != null && !dedup.firstSeen(text)) {
              duplicates[0]++;
              return;
            }
            String id = DocumentIds.id(record.fileUri(), record.position());
            output.add(id, record.sourceId(), text, record.sourceLabel(),
                DocumentIds.heldout(params.seed(), id, params.heldoutFraction()));
          }, bad);
        }
      }
      output.drain();
      if (output.docsWritten() == 0) {
        long fileCount = files.stream().mapToLong(List::size).sum();
        throw new IllegalArgumentException("no training documents from "
            + params.sources().stream().map(IngestSource::uri).toList() + " (" + fileCount
            + (fileCount == 1 ? " file" : " files") + "): " + read[0] + " good records read, "
            + duplicates[0] + " duplicates, " + output.heldoutDocs() + " held out"
            + (bad.snapshot().total() == 0 ? "" : ", skipped " + bad.snapshot().summary()));
      }
      output.finish();
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
    IngestSummary summary = summarise(params, files, read[0], duplicates[0], bad.snapshot(), output);
    writeSummary(outputDir.resolve(IngestOutput.SUMMARY), summary);
    return summary;
  }

  private static IngestSummary summarise(IngestParams params, List<List<InputFile>> files, long read, long duplicates,
      SkippedRecords skipped, ShardedOutput output) {
    List<IngestSummary.Source> sources = new ArrayList<>();
    for (int s = 0; s < files.size(); s++) {
      IngestSource source = params.sources().get(s);
      sources.add(new IngestSummary.Source(source.uri(), source.textField(), source.format().key(),
          files.get(s).stream().map(InputFile::uri).toList()));
    }
    return new IngestSummary(sources, read, output.docsWritten(), output.tokens(), output.shards(), output.heldoutDocs(),
        output.heldoutTokens(), duplicates, skipped, output.docsBySource());
  }

  private static void writeSummary(Path target, IngestSummary summary) {
    try {
      Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-", ".json");
      JSON.writeValue(temporary.toFile(), summary);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
