package dev.cptflow.activities.corpus;

/**
 * One corpus entry: a URI that may hold globs, the text field (a dotted path; unused by the text formats)
 * and how to read the files.
 */
public record IngestSource(String uri, String textField, SourceFormat format) {}
