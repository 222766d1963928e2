package dev.cptflow.activities.corpus;

import dev.cptflow.workflows.api.stage.SourceFormat;
import java.util.Locale;

/** The reader of each {@link SourceFormat}; {@link SourceFormat#AUTO} decides per file, by extension. */
public final class RecordReaders {
  /**
   * The largest record read (a line, a Parquet text value, a whole text file), in bytes; a larger one is counted as
   * bad without being held. Reading a record costs a few times its size in memory, so this bounds what one record
   * can cost a worker.
   */
  public static final int MAX_RECORD_BYTES = 64 << 20;

  private RecordReaders() {}

  /**
   * @param idField the field of a record's own id (JSONL, Parquet), or null; a record without it has none
   */
  public static RecordReader forFile(SourceFormat format, InputFile file, String textField, String idField) {
    return switch (format == SourceFormat.AUTO ? byExtension(file) : format) {
      case JSONL -> new JsonlReader(textField, idField);
      case PARQUET -> new ParquetReader(textField, idField);
      case TEXT_LINES -> new TextLinesReader();
      case TEXT_FILES -> new TextFilesReader();
      case AUTO -> throw new IllegalArgumentException(file.uri() + ": no format");
    };
  }

  private static SourceFormat byExtension(InputFile file) {
    String name = file.fileName().toLowerCase(Locale.ROOT);
    if (name.matches(".*\\.jsonl(\\.gz|\\.zst|\\.zstd)?")) {
      return SourceFormat.JSONL;
    }
    if (name.endsWith(".parquet")) {
      return SourceFormat.PARQUET;
    }
    if (name.matches(".*\\.txt(\\.gz|\\.zst|\\.zstd)?")) {
      return SourceFormat.TEXT_LINES;
    }
    throw new IllegalArgumentException(file.uri() + ": cannot tell the format from the extension"
        + " (.jsonl[.gz|.zst], .parquet, .txt); set format to jsonl, parquet, text-lines or text-files");
  }
}
