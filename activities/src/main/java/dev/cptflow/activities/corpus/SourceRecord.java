package dev.cptflow.activities.corpus;

/**
 * One good record read from a source file.
 *
 * @param fileUri the concrete file it came from ({@code file:/abs/a.jsonl}, {@code s3://bucket/key})
 * @param position its 1-based line (text formats) or row (Parquet) number in that file
 * @param sourceLabel the record's own {@code source} label where the format carries one, else {@code fileUri}
 * @param sourceId the record's own id where the format carries one and the record has it, else null
 */
public record SourceRecord(String fileUri, long position, String text, String sourceLabel, String sourceId) {

  public SourceRecord(String fileUri, long position, String text, String sourceLabel) {
    this(fileUri, position, text, sourceLabel, null);
  }

  /** {@code file:line} or {@code file:row}, as messages and skip reports name it. */
  public String location() {
    return fileUri + ":" + position;
  }
}
