package dev.cptflow.workflows.api.stage;

/**
 * One source an ingest reads: a URI that may hold globs, the dotted path of the text field, how the files are read,
 * and the field holding the record's own id (carried beside the stable id, so results join back to the user's data).
 *
 * @param name the task's name for task text, else null
 */
public record IngestSource(String uri, String textField, SourceFormat format, String idField, String name) {
  public IngestSource {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("a source needs a uri");
    }
  }
}
