package dev.cptflow.activities.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a file (plain, .gz or .zst) into lines and checks each line's UTF-8 on its own, so one bad byte costs one
 * record, not the rest of the file. Blank lines are passed over but still counted, so line numbers match an editor's.
 *
 * <p>Memory is bounded by the longest line allowed: a line over {@code maxLineBytes} is never held, only counted as
 * bad once its end is found. A compressed file that is cut short or corrupt keeps the lines before the damage; the
 * line it cut is counted as bad, naming the byte of the file where decompression stopped. An empty file has no lines.
 */
final class Utf8Lines {
  /** Receives each line that is valid UTF-8, not blank and not too long. */
  interface LineConsumer {
    void accept(long lineNumber, Line line);
  }

  /** A line's bytes, valid UTF-8, without its newline; the array is reused for the next line. */
  record Line(byte[] bytes, int length) {
    String text() {
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
  }

  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer decoded = CharBuffer.allocate(8192);
  private final String uri;
  private final int maxLineBytes;
  private final BadRecords bad;
  private final LineConsumer lines;
  private byte[] line = new byte[4096];
  private int lineLength;
  private boolean tooLong;
  private long lineNumber;

  private Utf8Lines(String uri, int maxLineBytes, BadRecords bad, LineConsumer lines) {
    this.uri = uri;
    this.maxLineBytes = maxLineBytes;
    this.bad = bad;
    this.lines = lines;
  }

  static void read(Path file, String uri, int maxLineBytes, BadRecords bad, LineConsumer lines) {
    new Utf8Lines(uri, maxLineBytes, bad, lines).read(file);
  }

  private void read(Path file) {
    byte[] chunk = new byte[1 << 16];
    try (InputStream in = CompressedFiles.openSource(file)) {
      if (Files.size(file) == 0) {
        return;
      }
      int read;
      while ((read = in.read(chunk)) != -1) {
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (chunk[i] == '\n') {
            append(chunk, start, i - start);
            endLine();
            start = i + 1;
          }
        }
        append(chunk, start, read - start);
      }
      if (lineLength > 0 || tooLong) {
        endLine();
      }
    } catch (CompressedFiles.DamagedDataException damaged) {
      bad.record(damaged.getMessage(), uri + ":" + (lineNumber + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
    }
  }

  private void append(byte[] from, int start, int count) {
    if (tooLong || count == 0) {
      return;
    }
    if ((long) lineLength + count > maxLineBytes) {
      tooLong = true;
      lineLength = 0;
      return;
    }
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(2L * line.length, lineLength + count)));
    }
    System.arraycopy(from, start, line, lineLength, count);
    lineLength += count;
  }

  private void endLine() {
    lineNumber++;
    if (tooLong) {
      bad.record("record longer than " + maxLineBytes + " bytes", uri + ":" + lineNumber);
    } else {
      switch (check(line, lineLength)) {
        case INVALID -> bad.record("invalid UTF-8", uri + ":" + lineNumber);
        case TEXT -> lines.accept(lineNumber, new Line(line, lineLength));
        case BLANK -> { }
      }
    }
    lineLength = 0;
    tooLong = false;
  }

  private enum Content { TEXT, BLANK, INVALID }

  /** Decodes through a small buffer, so checking a long line allocates nothing; blank as {@link String#isBlank}. */
  private Content check(byte[] bytes, int length) {
    if (length == 0) {
      return Content.BLANK;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    decoder.reset();
    boolean blank = true;
    CoderResult result;
    do {
      decoded.clear();
      result = decoder.decode(in, decoded, true);
      if (result.isError()) {
        return Content.INVALID;
      }
      decoded.flip();
      while (blank && decoded.hasRemaining()) {
        blank = Character.isWhitespace(decoded.get());
      }
    } while (result.isOverflow());
    return blank ? Content.BLANK : Content.TEXT;
  }
}
