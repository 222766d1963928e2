package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.corpus.InputFile;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.data.EvalFormat;
import dev.cptflow.activities.eval.task.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads a task's data. The URI names either one file, which then serves as every split (an item is
 * never its own few-shot example), or a directory or S3 prefix holding one file set per split, named after it
 * the way dataset exports are ({@code test.jsonl}, {@code dev-00000-of-00001.parquet}). Row files
 * ({@code .jsonl}, {@code .parquet}) are read as rows, FLARE's or a Hugging Face export's; anything else in the
 * task's own format. The few-shot examples may also come from a URI of their own ({@code {test: URI, fewshot: URI}}).
 */
public final class TaskDataLoader {
  private final SourceResolver resolver;

  public TaskDataLoader(SourceResolver resolver) {
    this.resolver = resolver;
  }

  public TaskData load(TaskConfig task, String uri) {
    return load(task, uri, null);
  }

  /**
   * @param fewshotUri where the few-shot examples come from (a file, or a directory of the task's few-shot split), or
   *     null: then from {@code uri}, as {@link #load(TaskConfig, String)}
   */
  public TaskData load(TaskConfig task, String uri, String fewshotUri) {
    if (fewshotUri != null) {
      TaskData test = load(task, uri, null);
      List<InputFile> files = singleFile(fewshotUri);
      if (files == null) {
        // A directory or prefix: its few-shot split's files (train when the task names none).
        String split = task.dataset().fewshotSplit() != null ? task.dataset().fewshotSplit() : "train";
        files = split(fewshotUri, split);
        if (files.isEmpty()) {
          throw new IllegalArgumentException(task.name() + ": no file for split '" + split + "' under " + fewshotUri
              + " (expected " + split + ".<ext> or " + split + "-*.<ext>)");
        }
      }
      EvalFormat format = formatOf(task, files.get(0));
      if (format != test.format()) {
        throw new IllegalArgumentException(task.name() + ": the few-shot data " + fewshotUri + " is in format "
            + format.key() + ", the test data " + uri + " in " + test.format().key() + "; give both in one format");
      }
      return new TaskData(test.format(), test.test(), read(task, format, files), false, List.of());
    }
    List<String> notes = new ArrayList<>();
    List<InputFile> single = singleFile(uri);
    if (single != null) {
      EvalFormat format = formatOf(task, single.get(0));
      List<EvalDoc> docs = read(task, format, single);
      return new TaskData(format, docs, docs, true, notes);
    }
    List<InputFile> testFiles = split(uri, task.dataset().testSplit());
    if (testFiles.isEmpty()) {
      throw new IllegalArgumentException(task.name() + ": no file for split '" + task.dataset().testSplit() + "' under "
          + uri + " (expected " + task.dataset().testSplit() + ".<ext> or " + task.dataset().testSplit() + "-*.<ext>)");
    }
    EvalFormat format = formatOf(task, testFiles.get(0));
    List<EvalDoc> test = read(task, format, testFiles);
    String fewshotSplit = task.dataset().fewshotSplit();
    if (fewshotSplit == null || fewshotSplit.equals(task.dataset().testSplit())) {
      return new TaskData(format, test, test, true, notes);
    }
    List<InputFile> fewshotFiles = split(uri, fewshotSplit);
    if (fewshotFiles.isEmpty()) {
      notes.add(task.name() + ": no '" + fewshotSplit + "' split under " + uri + "; few-shot examples come from the '"
          + task.dataset().testSplit() + "' split, never the item itself");
      return new TaskData(format, test, test, true, notes);
    }
    return new TaskData(format, test, read(task, format, fewshotFiles), false, notes);
  }

  private List<InputFile> singleFile(String uri) {
    try {
      List<InputFile> files = resolver.resolve(uri);
      return files.size() == 1 && !isDirectory(uri) ? files : null;
    } catch (IllegalArgumentException noSuchFile) {
      return null;
    }
  }

  private static boolean isDirectory(String uri) {
    String path = uri.startsWith("file:") ? uri.substring("file:".length()).replaceFirst("^//", "") : uri;
    return !uri.startsWith("s3://") && java.nio.file.Files.isDirectory(java.nio.file.Path.of(path));
  }

  private List<InputFile> split(String uri, String split) {
    String base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    try {
      return resolver.resolve(base + "/{" + split + ".*," + split + "-*," + split + "_*}");
    } catch (IllegalArgumentException none) {
      return List.of();
    }
  }

  private static EvalFormat formatOf(TaskConfig task, InputFile file) {
    String name = file.fileName().toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.(gz|zst)$", "");
    boolean rows = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".parquet");
    return rows ? EvalFormat.ROWS : task.dataset().format();
  }

  private static List<EvalDoc> read(TaskConfig task, EvalFormat format, List<InputFile> files) {
    List<EvalDoc> docs = new ArrayList<>();
    for (InputFile file : files) {
      try (InputFile.LocalCopy copy = file.localCopy()) {
        // The task's format options (label columns, entity types) describe its own format, not rows.
        Map<String, Object> options = format == task.dataset().format() ? task.dataset().options() : Map.of();
        docs.addAll(format.read(copy.path(), file.uri(), options));
      }
    }
    return DocProcessors.apply(task.processDocs(), docs);
  }
}
