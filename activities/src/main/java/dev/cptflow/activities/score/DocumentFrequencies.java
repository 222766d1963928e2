package dev.cptflow.activities.score;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * In how many of a corpus's documents each hashed n-gram bucket occurs: {@code builtin:hashed-ngrams}' corpus fit,
 * from which it weighs n-grams by inverse document frequency, {@code idf = ln((1 + N) / (1 + df)) + 1} (the smoothed
 * form: an n-gram in every document still counts once, one in none as if it were in one).
 *
 * <p>Stored as {@value #FILE}: the magic {@code CPTDF1}, the bucket count, N, then each bucket's count, big-endian.
 */
public record DocumentFrequencies(long documents, int[] counts) {
  public static final String FILE = "document-frequencies.bin";
  private static final String MAGIC = "CPTDF1";

  /** The inverse document frequency of every bucket. */
  public float[] idf() {
    float[] idf = new float[counts.length];
    for (int k = 0; k < counts.length; k++) {
      idf[k] = (float) (Math.log((1.0 + documents) / (1.0 + counts[k])) + 1);
    }
    return idf;
  }

  public void write(Path dir) {
    Path file = dir.resolve(FILE);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeUTF(MAGIC);
      out.writeInt(counts.length);
      out.writeLong(documents);
      for (int count : counts) {
        out.writeInt(count);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static DocumentFrequencies read(Path dir) {
    Path file = dir.resolve(FILE);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IllegalArgumentException(file + " is not a document-frequency file");
      }
      int[] counts = new int[in.readInt()];
      long documents = in.readLong();
      for (int k = 0; k < counts.length; k++) {
        counts[k] = in.readInt();
      }
      return new DocumentFrequencies(documents, counts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the document frequencies " + file + ": " + e.getMessage(), e);
    }
  }
}
