package dev.cptflow.activities.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a file (plain, .gz or .zst) into lines and decodes each line as UTF-8 on its own, so one bad
 * byte costs one record, not the rest of the file. Blank lines are passed over but still counted, so
 * line numbers match an editor's.
 */
final class Utf8Lines {
  /** Receives each non-blank line; {@code line} is null when its bytes are not valid UTF-8. */
  interface LineConsumer {
    void accept(long lineNumber, String line);
  }

  private Utf8Lines() {}

  static void read(Path file, String uri, LineConsumer lines) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    byte[] chunk = new byte[1 << 16];
    byte[] line = new byte[4096];
    int lineLength = 0;
    long lineNumber = 0;
    try (InputStream in = CompressedFiles.open(file)) {
      int read;
      while ((read = in.read(chunk)) != -1) {
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          line = append(line, lineLength, chunk, start, i - start);
          lineLength += i - start;
          emit(decoder, line, lineLength, ++lineNumber, lines);
          lineLength = 0;
          start = i + 1;
        }
        line = append(line, lineLength, chunk, start, read - start);
        lineLength += read - start;
      }
      if (lineLength > 0) {
        emit(decoder, line, lineLength, ++lineNumber, lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
    }
  }

  private static byte[] append(byte[] line, int length, byte[] from, int start, int count) {
    byte[] target = length + count <= line.length ? line : Arrays.copyOf(line, Math.max(2 * line.length, length + count));
    System.arraycopy(from, start, target, length, count);
    return target;
  }

  private static void emit(CharsetDecoder decoder, byte[] bytes, int length, long lineNumber, LineConsumer lines) {
    String line;
    try {
      line = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException invalid) {
      lines.accept(lineNumber, null);
      return;
    }
    if (!line.isBlank()) {
      lines.accept(lineNumber, line);
    }
  }
}
