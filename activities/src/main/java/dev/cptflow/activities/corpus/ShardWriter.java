package dev.cptflow.activities.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a shard: one {@code {"id","text","tokens","source"}} JSON object per line, zstd-compressed,
 * to a temporary file that replaces the target only when closed, so readers never see half a shard.
 */
public final class ShardWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final Path target;
  private final Path temporary;
  private final OutputStream out;
  private long documents;

  public ShardWriter(Path target) {
    this.target = target;
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      this.temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-", ".zst");
      this.out = new BufferedOutputStream(new ZstdOutputStream(Files.newOutputStream(temporary), 3), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write shard " + target + ": " + e.getMessage(), e);
    }
  }

  public void write(Document document) {
    try {
      JSON.writeValue(out, document);
      out.write('\n');
      documents++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write shard " + target + ": " + e.getMessage(), e);
    }
  }

  public long documents() {
    return documents;
  }

  @Override
  public void close() {
    try {
      out.close();
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish shard " + target + ": " + e.getMessage(), e);
    }
  }

  /** Drops the shard: the target is left as it was, so a failed ingest publishes no partial shard. */
  public void abort() {
    try {
      out.close();
    } catch (IOException ignored) {
      // The temporary file is deleted below either way.
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + temporary + ": " + e.getMessage(), e);
    }
  }
}
