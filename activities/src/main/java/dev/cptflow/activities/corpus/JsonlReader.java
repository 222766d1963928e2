package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;

/**
 * JSONL ({@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}): the text is a dotted field path such as
 * {@code meta.body}. A top-level string field {@code source} becomes the record's source label, and the id field
 * (a dotted path too; a string or an integer) the record's own id.
 */
public final class JsonlReader implements RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String textField;
  private final String[] path;
  private final String[] idPath;

  /** Reads no record ids. */
  public JsonlReader(String textField) {
    this(textField, null);
  }

  /** @param idField the dotted path of the record's own id, or null */
  public JsonlReader(String textField, String idField) {
    this.textField = textField;
    this.path = textField.split("\\.");
    this.idPath = idField == null ? null : idField.split("\\.");
  }

  @Override
  public void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad) {
    try (InputFile.LocalCopy copy = file.localCopy()) {
      Utf8Lines.read(copy.path(), file.uri(), (lineNumber, line) -> {
        String location = file.uri() + ":" + lineNumber;
        if (line == null) {
          bad.record("invalid UTF-8", location);
        } else {
          accept(file.uri(), lineNumber, line, location, records, bad);
        }
      });
    }
  }

  private void accept(String uri, long lineNumber, String line, String location, Consumer<SourceRecord> records,
      BadRecords bad) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      bad.record("invalid JSON", location);
      return;
    }
    JsonNode node = at(root, path);
    if (node == null || !node.isTextual()) {
      bad.record("missing field '" + textField + "'", location);
    } else if (node.asText().isBlank()) {
      bad.record("empty text", location);
    } else {
      JsonNode label = root.get("source");
      JsonNode id = idPath == null ? null : at(root, idPath);
      records.accept(new SourceRecord(uri, lineNumber, node.asText(), label != null && label.isTextual() ? label.asText() : uri,
          id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null));
    }
  }

  private static JsonNode at(JsonNode root, String[] path) {
    JsonNode node = root;
    for (String part : path) {
      node = node == null ? null : node.get(part);
    }
    return node;
  }
}
