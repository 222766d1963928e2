package dev.cptflow.activities.corpus;

import java.util.function.Consumer;

/** Reads the records of one file of one format, in file order. */
public interface RecordReader {
  /** Calls {@code records} with each good record; tells {@code bad} about each bad one. */
  void read(InputFile file, Consumer<SourceRecord> records, BadRecords bad);
}
