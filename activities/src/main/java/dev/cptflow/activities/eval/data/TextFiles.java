package dev.cptflow.activities.eval.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whole text files whose encoding nobody states. */
final class TextFiles {
  private TextFiles() {}

  /**
   * UTF-8 when the bytes are valid UTF-8, else ISO-8859-1: the original releases of these datasets
   * (FPB) are Latin-1, later copies UTF-8, and Latin-1 text with accents is practically never valid
   * UTF-8. A UTF-8 byte order mark is dropped so it does not stick to the first field.
   */
  static String read(Path file, String uri) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read: " + e.getMessage(), e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
