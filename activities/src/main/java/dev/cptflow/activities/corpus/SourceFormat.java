package dev.cptflow.activities.corpus;

import java.util.Locale;

/** How a source's files are read; {@link #AUTO} decides per file, by extension. */
public enum SourceFormat {
  AUTO,
  JSONL,
  PARQUET,
  TEXT_LINES,
  TEXT_FILES;

  /** Parses the spelling used in specs and on the command line: {@code auto, jsonl, parquet, text-lines, text-files}. */
  public static SourceFormat parse(String name) {
    for (SourceFormat format : values()) {
      if (format.spelling().equals(name.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("format: must be auto, jsonl, parquet, text-lines or text-files, got '" + name + "'");
  }

  public String spelling() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The reader for {@code file} under this format. */
  public RecordReader reader(InputFile file, String textField) {
    return switch (this == AUTO ? byExtension(file) : this) {
      case JSONL -> new JsonlReader(textField);
      case PARQUET -> new ParquetReader(textField);
      case TEXT_LINES -> new TextLinesReader();
      case TEXT_FILES -> new TextFilesReader();
      case AUTO -> throw new IllegalStateException("unreachable");
    };
  }

  private static SourceFormat byExtension(InputFile file) {
    String name = file.fileName().toLowerCase(Locale.ROOT);
    if (name.matches(".*\\.jsonl(\\.gz|\\.zst|\\.zstd)?")) {
      return JSONL;
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.matches(".*\\.txt(\\.gz|\\.zst|\\.zstd)?")) {
      return TEXT_LINES;
    }
    throw new IllegalArgumentException(file.uri() + ": cannot tell the format from the extension"
        + " (.jsonl[.gz|.zst], .parquet, .txt); set format to jsonl, parquet, text-lines or text-files");
  }
}
