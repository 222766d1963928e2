package dev.cptflow.activities.corpus;

/**
 * One good record read from a source file.
 *
 * @param fileUri the concrete file it came from ({@code file:/abs/a.jsonl}, {@code s3://bucket/key})
 * @param position its 1-based line (text formats) or row (Parquet) number in that file
 * @param sourceLabel the record's own {@code source} label where the format carries one, else {@code fileUri}
 */
public record SourceRecord(String fileUri, long position, String text, String sourceLabel) {
  /** {@code file:line} or {@code file:row}, as messages and skip reports name it. */
  public String location() {
    return fileUri + ":" + position;
  }
}
