package dev.cptflow.activities.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Plain text ({@code format: text-files}): the whole file is one document, at position 1. */
public final class TextFilesReader implements RecordReader {
  @Override
  public void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad) {
    String location = file.uri() + ":1";
    String text;
    try (InputFile.LocalCopy copy = file.localCopy(); InputStream in = CompressedFiles.open(copy.path())) {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
    } catch (CharacterCodingException invalid) {
      bad.record("invalid UTF-8", location);
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(file.uri() + ": " + e.getMessage(), e);
    }
    if (text.isBlank()) {
      bad.record("empty text", location);
    } else {
      records.accept(new SourceRecord(file.uri(), 1, text, file.uri()));
    }
  }
}
