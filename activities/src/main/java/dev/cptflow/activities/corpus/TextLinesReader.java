package dev.cptflow.activities.corpus;

import java.util.function.Consumer;

/** Plain text ({@code format: text-lines}): one document per non-blank line. */
public final class TextLinesReader implements RecordReader {
  @Override
  public void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad) {
    try (InputFile.LocalCopy copy = file.localCopy()) {
      Utf8Lines.read(copy.path(), file.uri(), RecordReaders.MAX_RECORD_BYTES, bad,
          (lineNumber, line) -> records.accept(new SourceRecord(file.uri(), lineNumber, line.text(), file.uri())));
    }
  }
}
