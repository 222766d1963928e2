package dev.cptflow.cli.options;

import dev.cptflow.cli.UserError;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.SpecEnum;
import picocli.CommandLine.Option;

/** How documents are cut into shards and cleaned on their way in: the spec's {@code ingest} section. */
public class CleaningOptions {
  @Option(names = "--shard-docs", descriptionKey = "ingest.shard_docs", paramLabel = "N",
      description = "Documents per shard. Default: ${DEFAULT-VALUE}.")
  int shardDocs;

  @Option(names = "--on-bad-record", descriptionKey = "ingest.on_bad_record", paramLabel = "skip|fail",
      description = "skip: count bad records and go on; fail: stop at the first. Default: ${DEFAULT-VALUE}.")
  String onBadRecord;

  @Option(names = "--no-dedup", description = "Keep exact duplicates (by default the first copy is kept).")
  boolean noDedup;

  public int shardDocs() {
    if (shardDocs < 1) {
      throw new UserError("--shard-docs: must be at least 1, got " + shardDocs);
    }
    return shardDocs;
  }

  public BadRecordPolicy onBadRecord() {
    try {
      return SpecEnum.parse(BadRecordPolicy.class, onBadRecord, "--on-bad-record");
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  public boolean dedup() {
    return !noDedup;
  }
}
