package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Streams the documents of a shard in order. Jackson reads the decompressed bytes directly, one object
 * after another, without first splitting lines into Strings: shard reading is on every scorer's path.
 */
public final class ShardReader implements Iterator<Document>, AutoCloseable {
  /** A document may be as long as ingest reads one; Jackson's default cap on a string is 20M chars. */
  private static final ObjectReader DOCUMENTS = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(RecordReaders.MAX_RECORD_BYTES).build())
      .build())
      .readerFor(Document.class);

  private final Path file;
  private final InputStream in;
  private final MappingIterator<Document> documents;

  private ShardReader(Path file, InputStream in, MappingIterator<Document> documents) {
    this.file = file;
    this.in = in;
    this.documents = documents;
  }

  public static ShardReader open(Path file) {
    try {
      InputStream in = CompressedFiles.open(file);
      return new ShardReader(file, in, DOCUMENTS.readValues(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shard " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return documents.hasNextValue();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not a shard: " + e.getMessage(), e);
    }
  }

  @Override
  public Document next() {
    try {
      return documents.nextValue();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not a shard: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      documents.close();
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
