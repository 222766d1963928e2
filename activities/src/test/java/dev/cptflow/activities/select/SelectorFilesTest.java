package dev.cptflow.activities.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.select.Selector.Selection;
import dev.cptflow.activities.select.Selector.SelectionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectorFilesTest {
  @TempDir Path dir;

  record Row(String id, int tokens, double sim, double ppl, double ent) {}

  private static List<Row> rows(int n) {
    Random random = new Random(42);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // coarse values so there are many ties for the hash to break
      rows.add(new Row(String.format(Locale.ROOT, "doc-%05d", i), 1 + random.nextInt(200), random.nextInt(20) / 20.0,
          1 + random.nextInt(50), random.nextInt(10) * 0.1));
    }
    return rows;
  }

  private static void csv(Path file, List<Row> rows, String... metrics) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("id,tokens," + String.join(",", metrics));
    for (Row row : rows) {
      StringBuilder line = new StringBuilder(row.id() + "," + row.tokens());
      for (String metric : metrics) {
        line.append(',').append(value(row, metric));
      }
      lines.add(line.toString());
    }
    Files.write(file, lines);
  }

  private static void jsonl(Path file, List<Row> rows, String metric) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Row row : rows) {
      lines.add("{\"id\":\"" + row.id() + "\",\"tokens\":" + row.tokens() + ",\"" + metric + "\":" + value(row, metric) + "}");
    }
    Files.write(file, lines);
  }

  private static double value(Row row, String metric) {
    return switch (metric) {
      case "sim" -> row.sim();
      case "ppl" -> row.ppl();
      default -> row.ent();
    };
  }

  private byte[] selectToParquet(List<Path> inputs, SelectionRequest request, String name) throws Exception {
    Selection selection = Selector.select(ScoreInputs.read(inputs), request);
    Path out = dir.resolve(name);
    SelectionFiles.write(out, selection);
    return Files.readAllBytes(out);
  }

  @Test
  void outputIsByteIdenticalRegardlessOfRowOrderAndFileSplits() throws Exception {
    List<Row> rows = rows(600);
    Path whole = dir.resolve("all.csv");
    csv(whole, rows, "sim", "ppl", "ent");
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(7));
    // sim split over three CSV files, ppl over two Parquet-free JSONL files, ent in one shuffled CSV
    List<Path> split = new ArrayList<>();
    for (int part = 0; part < 3; part++) {
      Path file = dir.resolve("sim-" + part + ".csv");
      csv(file, shuffled.subList(part * 200, part * 200 + 200), "sim");
      split.add(file);
    }
    Collections.shuffle(shuffled, new Random(8));
    for (int part = 0; part < 2; part++) {
      Path file = dir.resolve("ppl-" + part + ".jsonl");
      jsonl(file, shuffled.subList(part * 300, part * 300 + 300), "ppl");
      split.add(file);
    }
    Collections.shuffle(shuffled, new Random(9));
    Path ent = dir.resolve("ent.csv");
    csv(ent, shuffled, "ent");
    split.add(ent);
    Collections.reverse(split);

    for (SelectionRequest request : List.of(
        new SelectionRequest(List.of("sim"), null, false, 0.1, null, 20, 1234),
        new SelectionRequest(List.of("sim", "ppl", "ent"), Map.of("sim", 2.0), false, 0.2, null, 0, 5),
        new SelectionRequest(List.of("ppl"), null, true, 0.1, null, 10, 1234),
        new SelectionRequest(List.of("sim", "ppl", "ent"), null, true, null, 50L, 0, 3))) {
      byte[] a = selectToParquet(List.of(whole), request, "a.parquet");
      byte[] b = selectToParquet(split, request, "b.parquet");
      assertArrayEquals(a, b, request.toString());
      assertTrue(a.length > 0);
    }
  }

  @Test
  void writesParquetThatReadsBackAndCsvAndJsonlAndSummary() throws Exception {
    List<Row> rows = rows(100);
    Path file = dir.resolve("scores.csv");
    csv(file, rows, "sim");
    ScoreTable table = ScoreInputs.read(List.of(file));
    Selection selection = Selector.select(table, new SelectionRequest(List.of("sim"), null, false, 0.25, null, 0, 1234));
    Path parquet = dir.resolve("sel.parquet");
    SelectionFiles.write(parquet, selection);
    try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var statement = connection.createStatement();
        var results = statement.executeQuery("SELECT id, tokens, weight, rank FROM read_parquet('" + parquet + "')")) {
      int r = 0;
      while (results.next()) {
        assertEquals(selection.id(r), results.getString(1));
        assertEquals(selection.tokens(r), results.getInt(2));
        assertEquals(selection.weight(r), results.getDouble(3));
        assertEquals(r, results.getLong(4));
        r++;
      }
      assertEquals(selection.size(), r);
    }
    Path csvOut = dir.resolve("sel.csv");
    SelectionFiles.write(csvOut, selection);
    List<String> lines = Files.readAllLines(csvOut);
    assertEquals("id,source_id,tokens,weight,rank", lines.get(0));
    assertEquals(selection.size() + 1, lines.size());
    Path jsonOut = dir.resolve("sel.jsonl");
    SelectionFiles.write(jsonOut, selection);
    assertTrue(Files.readAllLines(jsonOut).get(0).startsWith("{\"id\":\"" + selection.id(0) + "\""));
    Path summary = SelectionFiles.summaryPath(parquet);
    assertEquals("sel.summary.json", summary.getFileName().toString());
    SelectionFiles.writeSummary(summary, selection.summary());
    assertTrue(Files.readString(summary).contains("\"budgetTokens\""));
    assertTrue(selection.summary().tokens() <= selection.summary().budgetTokens());
  }

  @Test
  void theRecordsOwnIdsCarryFromScoreFilesIntoTheSelectionAndLowerFirstMetricsRankAscending() throws Exception {
    Path scores = Files.write(dir.resolve("len.csv"), List.of("id,source_id,tokens,len", "a,user-a,10,3.0", "b,,10,1.0",
        "c,user-c,10,2.0", "d,user-d,10,4.0"));
    ScoreTable table = ScoreInputs.read(List.of(scores));
    Selector.Selection lowest = Selector.select(table,
        new Selector.SelectionRequest(List.of("len"), Map.of(), false, null, 2L, 0, 1, List.of("len")));
    assertEquals(List.of("b", "c"), List.of(lowest.id(0), lowest.id(1)), "lower first");
    assertEquals(List.of("", "user-c"), List.of(String.valueOf(lowest.sourceId(0)).replace("null", ""), lowest.sourceId(1)));
    Selector.Selection highest = Selector.select(table,
        new Selector.SelectionRequest(List.of("len"), Map.of(), false, null, 2L, 0, 1));
    assertEquals(List.of("d", "a"), List.of(highest.id(0), highest.id(1)));
    assertEquals(2.5, lowest.summary().corpusMean().get("len"), 1e-12, "means are of the scores as they are");
    Path out = dir.resolve("lowest.csv");
    SelectionFiles.write(out, lowest);
    assertEquals(List.of("id,source_id,tokens,weight,rank", "b,,10,-1.0,0", "c,user-c,10,-2.0,1"), Files.readAllLines(out));
  }

  @Test
  void anIdMissingAMetricIsAClearError() throws Exception {
    List<Row> rows = rows(10);
    Path sim = dir.resolve("sim.csv");
    csv(sim, rows, "sim");
    Path ppl = dir.resolve("ppl.jsonl");
    jsonl(ppl, rows.subList(0, 9), "ppl");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ScoreInputs.read(List.of(sim, ppl)));
    assertTrue(error.getMessage().contains("doc-00009") && error.getMessage().contains("ppl"), error.getMessage());
  }
}
