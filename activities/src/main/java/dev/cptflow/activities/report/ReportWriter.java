package dev.cptflow.activities.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Renders a sweep's report from a fully populated {@link ReportInput}: report.md, report.html, results.json,
 * results.csv and plots/*.png. A pure renderer: it computes only what the table derives (averages, Δ avg, share of
 * DACP's tokens, histogram bins) and invents nothing.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /** Writes into {@code dir} (created if needed). Returns the files written, sorted. */
  public static List<Path> write(ReportInput input, Path dir) throws IOException {
    Files.createDirectories(dir);
    FileSink sink = new FileSink();
    // Plots first: the reports embed only the plots that were actually written.
    List<Plots.Plot> plots = Plots.writeAll(input, dir, sink);
    List<ResultsTable.Row> rows = ResultsTable.compute(input);
    sink.writeText(dir.resolve("results.csv"), ResultsFiles.csv(input.columns(), rows));
    sink.writeText(dir.resolve("results.json"), ResultsFiles.json(input, rows));
    sink.writeText(dir.resolve("report.md"), MarkdownReport.render(input, rows, plots));
    sink.writeText(dir.resolve("report.html"), HtmlReport.render(input, rows, plots));
    List<Path> written = new ArrayList<>(sink.written);
    written.sort(null);
    return written;
  }

  /** Writes whole files, each through a temporary sibling and a move, so a reader never sees half a file. */
  static final class FileSink {
    private final List<Path> written = new ArrayList<>();

    interface Body {
      void writeTo(OutputStream out) throws IOException;
    }

    void writeText(Path file, String text) throws IOException {
      write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    void write(Path file, Body body) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // Not Files.createTempFile: its owner-only permissions would carry over to the report after the move.
      Path temporary = parent.resolve(".tmp-" + file.getFileName() + "-" + UUID.randomUUID() + ".part");
      try {
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
          body.writeTo(out);
        }
        try {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
      written.add(file);
    }
  }
}
