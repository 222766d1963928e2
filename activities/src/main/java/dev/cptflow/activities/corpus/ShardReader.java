package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Streams the documents of a shard in order, one line at a time. */
public final class ShardReader implements Iterator<Document>, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedReader reader;
  private String nextLine;

  private ShardReader(Path file, BufferedReader reader) {
    this.file = file;
    this.reader = reader;
    advance();
  }

  public static ShardReader open(Path file) {
    try {
      return new ShardReader(file,
          new BufferedReader(new InputStreamReader(CompressedFiles.open(file), StandardCharsets.UTF_8), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shard " + file + ": " + e.getMessage(), e);
    }
  }

  private void advance() {
    try {
      nextLine = reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shard " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean hasNext() {
    return nextLine != null;
  }

  @Override
  public Document next() {
    if (nextLine == null) {
      throw new NoSuchElementException();
    }
    try {
      Document document = JSON.readValue(nextLine, Document.class);
      advance();
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not a shard line: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
