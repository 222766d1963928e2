package dev.cptflow.activities.corpus;

import java.util.List;
import java.util.Map;

/**
 * What an ingest read and wrote; also written as {@code summary.json}. Every good record read is either
 * a duplicate, a training document or a held-out document: {@code docsRead = duplicates + docsWritten + heldoutDocs}.
 *
 * @param docsRead good records read (bad ones are in {@code skipped})
 * @param docsWritten training documents, across {@code shards} shards
 * @param tokens tokens of the training documents
 * @param docsBySource documents kept (training and held-out) per source label
 */
public record IngestSummary(List<Source> sources, long docsRead, long docsWritten, long tokens, int shards,
    long heldoutDocs, long heldoutTokens, long duplicates, SkippedRecords skipped, Map<String, Long> docsBySource) {

  /** A source as given, and the files it expanded to. */
  public record Source(String uri, String textField, String format, List<String> files) {}
}
