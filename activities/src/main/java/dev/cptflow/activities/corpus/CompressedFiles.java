package dev.cptflow.activities.corpus;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens {@code .gz} and {@code .zst} files transparently, by their extension. */
public final class CompressedFiles {
  private CompressedFiles() {}

  public static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    String name = file.getFileName().toString();
    if (name.endsWith(".gz")) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    if (name.endsWith(".zst") || name.endsWith(".zstd")) {
      return new ZstdInputStream(raw);
    }
    return raw;
  }

  /**
   * Like {@link #open}, for source files, which may be cut short (an interrupted download or copy) or corrupt: a
   * failure of the decompressor, where the file itself reads fine, is a {@link DamagedDataException} saying at which
   * byte of the file it stopped, so a reader can keep what came before. The decompressor is made at the first read,
   * so a header that is cut off is reported the same way.
   */
  static InputStream openSource(Path file) throws IOException {
    String name = file.getFileName().toString();
    String kind = name.endsWith(".gz") ? ".gz" : name.endsWith(".zst") || name.endsWith(".zstd") ? ".zst" : null;
    CountingInput raw = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    return kind == null ? raw : new CheckedDecompression(raw, kind, Files.size(file));
  }

  /** The decompressor stopped: the data ends early or does not decode. The bytes it gave before are good. */
  static final class DamagedDataException extends IOException {
    DamagedDataException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A stream whose one-byte read is its block read, so what the block read does applies to every byte. */
  private abstract static class BlockInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /** Counts the bytes read from the file and remembers whether reading the file itself failed. */
  private static final class CountingInput extends BlockInput {
    private final InputStream in;
    private long bytes;
    private boolean failed;

    CountingInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        int read = in.read(buffer, offset, length);
        bytes += Math.max(read, 0);
        return read;
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static final class CheckedDecompression extends BlockInput {
    private final CountingInput raw;
    private final String kind;
    private final long size;
    private InputStream decompressed;

    CheckedDecompression(CountingInput raw, String kind, long size) {
      this.raw = raw;
      this.kind = kind;
      this.size = size;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        if (decompressed == null) {
          decompressed = kind.equals(".gz") ? new GZIPInputStream(raw, 1 << 16) : new ZstdInputStream(raw);
        }
        return decompressed.read(buffer, offset, length);
      } catch (IOException e) {
        if (raw.failed) {
          throw e;
        }
        // The decompressors read ahead in 64 KiB blocks, so the offset is where reading had got to, not the bad byte.
        throw new DamagedDataException(kind + " data cut short or corrupt: decompression stopped at byte " + raw.bytes
            + " of " + size + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (decompressed != null) {
        decompressed.close();
      }
      raw.close();
    }
  }
}
