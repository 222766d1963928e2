package dev.cptflow.activities.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * Plain text ({@code format: text-files}): the whole file is one document, at position 1. A file over
 * {@link RecordReaders#MAX_RECORD_BYTES} (decompressed), or one whose compressed data is cut short, is a bad record.
 */
public final class TextFilesReader implements RecordReader {
  @Override
  public void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad) {
    String location = file.uri() + ":1";
    String text;
    try (InputFile.LocalCopy copy = file.localCopy(); InputStream in = CompressedFiles.openSource(copy.path())) {
      // An empty file is an empty document, whatever its extension: even a .gz with no header.
      byte[] bytes = Files.size(copy.path()) == 0 ? new byte[0] : in.readNBytes(RecordReaders.MAX_RECORD_BYTES);
      if (bytes.length == RecordReaders.MAX_RECORD_BYTES && in.read() != -1) {
        bad.record("record longer than " + RecordReaders.MAX_RECORD_BYTES + " bytes", location);
        return;
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException invalid) {
      bad.record("invalid UTF-8", location);
      return;
    } catch (CompressedFiles.DamagedDataException damaged) {
      bad.record(damaged.getMessage(), location);
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
