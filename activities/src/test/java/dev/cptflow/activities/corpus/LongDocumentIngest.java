package dev.cptflow.activities.corpus;

import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.IngestParams;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.IngestSource;
import dev.cptflow.workflows.api.stage.SourceFormat;
import java.nio.file.Path;
import java.util.List;

/** {@code main(corpus, tokenizer, out)}: one ingest, run by {@link LongDocumentTest} in a JVM with a small heap. */
public final class LongDocumentIngest {
  private LongDocumentIngest() {}

  public static void main(String[] args) {
    try (LmTokenizer tokenizer = LmTokenizer.load(Path.of(args[1]))) {
      IngestParams params = new IngestParams(IngestSet.CORPUS, List.of(new IngestSource(args[0], "text", SourceFormat.AUTO, "id", null)),
          "unused", 1_000, BadRecordPolicy.FAIL, true, 0.0, 1, null);
      IngestSummary summary = new Ingestor(new SourceResolver(bucket -> {
        throw new AssertionError("no store");
      }), tokenizer).ingest(params, Path.of(args[2]));
      System.out.println("docs " + summary.docsWritten() + " tokens " + summary.tokens());
    }
  }
}
