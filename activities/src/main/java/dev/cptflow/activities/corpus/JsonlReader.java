package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * JSONL ({@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}): the text is a dotted field path such as
 * {@code meta.body}. A top-level string field {@code source} becomes the record's source label, and the id field
 * (a dotted path too; a string or an integer) the record's own id.
 *
 * <p>A line must hold exactly one JSON value: two records run together on one line are one bad record, not a first
 * record kept and a second one lost. A UTF-8 byte order mark before it is allowed (Windows tools write one on the
 * first line). Lines are parsed from their bytes, so a long line is in memory once as bytes and once as its text.
 */
public final class JsonlReader implements RecordReader {
  /** A reader is made per file, so the mapper (and the deserializers it caches) is shared. */
  private static final ObjectMapper JSON = mapper(RecordReaders.MAX_RECORD_BYTES);

  private final ObjectMapper json;
  private final int maxLineBytes;
  private final String textField;
  private final String[] path;
  private final String[] idPath;

  /** Reads no record ids. */
  public JsonlReader(String textField) {
    this(textField, null);
  }

  /** @param idField the dotted path of the record's own id, or null */
  public JsonlReader(String textField, String idField) {
    this(textField, idField, RecordReaders.MAX_RECORD_BYTES);
  }

  JsonlReader(String textField, String idField, int maxLineBytes) {
    this.textField = textField;
    this.path = textField.split("\\.");
    this.idPath = idField == null ? null : idField.split("\\.");
    this.maxLineBytes = maxLineBytes;
    this.json = maxLineBytes == RecordReaders.MAX_RECORD_BYTES ? JSON : mapper(maxLineBytes);
  }

  /** Jackson's own cap on a string (20M chars) would call a long document invalid JSON; the line cap is the limit. */
  private static ObjectMapper mapper(int maxLineBytes) {
    return new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxLineBytes).build())
        .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  @Override
  public void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad) {
    try (InputFile.LocalCopy copy = file.localCopy()) {
      Utf8Lines.read(copy.path(), file.uri(), maxLineBytes, bad,
          (lineNumber, line) -> accept(file.uri(), lineNumber, line, records, bad));
    }
  }

  private void accept(String uri, long lineNumber, Utf8Lines.Line line, Consumer<SourceRecord> records, BadRecords bad) {
    String location = uri + ":" + lineNumber;
    JsonNode root = parse(line);
    if (root == null) {
      bad.record("invalid JSON", location);
      return;
    }
    JsonNode node = at(root, path);
    JsonNode label = root.get("source");
    JsonNode id = idPath == null ? null : at(root, idPath);
    String sourceId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
    String sourceLabel = label != null && label.isTextual() ? label.asText() : uri;
    if (node == null || !node.isTextual()) {
      bad.record("missing field '" + textField + "'", location);
    } else if (node.asText().isBlank()) {
      bad.record("empty text", location);
    } else if (UnicodeText.hasUnpairedSurrogate(node.asText()) || UnicodeText.hasUnpairedSurrogate(sourceLabel)
        || UnicodeText.hasUnpairedSurrogate(sourceId)) {
      // A JSON escape of half a surrogate pair is not a character: no UTF-8 writer or tokenizer downstream takes it.
      bad.record("unpaired surrogate escape (not Unicode text)", location);
    } else {
      records.accept(new SourceRecord(uri, lineNumber, node.asText(), sourceLabel, sourceId));
    }
  }

  /** The line's one JSON value, or null when it is not valid JSON. */
  private JsonNode parse(Utf8Lines.Line line) {
    byte[] bytes = line.bytes();
    // Jackson guesses UTF-16 or UTF-32 from zero bytes at the start; no JSON line starts with a NUL.
    for (int i = 0; i < Math.min(4, line.length()); i++) {
      if (bytes[i] == 0) {
        return null;
      }
    }
    try {
      return json.readTree(bytes, 0, line.length());
    } catch (IOException invalid) {
      return null;
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
