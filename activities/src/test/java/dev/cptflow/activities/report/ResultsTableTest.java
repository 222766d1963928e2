package dev.cptflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
  private static final double EPS = 1e-12;

  @Test
  void averagesDeltasAndDacpShareComeFromThePresentColumns() {
    List<ResultsTable.Row> rows = ResultsTable.compute(Fixtures.input("ets-dacp-hard", List.of(), false));
    ResultsTable.Row base = rows.get(0);
    ResultsTable.Row dacp = rows.get(1);
    ResultsTable.Row ets = rows.get(2);

    // base lacks ner: its avg is over the two columns it has, not a zero for the missing one.
    assertEquals(0.55, base.avg(), EPS);
    assertNull(base.cells().get(2));
    assertNull(base.deltaAvg());
    assertNull(base.dacpShare());

    assertEquals(0.7, dacp.avg(), EPS);
    assertEquals(0.15, dacp.deltaAvg(), EPS);
    assertEquals(1.0, dacp.dacpShare(), EPS);

    assertEquals(0.8, ets.avg(), EPS);
    assertEquals(0.25, ets.deltaAvg(), EPS);
    assertEquals(0.25, ets.dacpShare(), EPS);
  }

  @Test
  void formattedCellsShowStderrDashesAndUnits() {
    List<ResultsTable.Row> rows = ResultsTable.compute(Fixtures.input("ets-dacp-hard", List.of(), false));
    assertEquals(
        List.of("model", "fpb.f1", "fiqasa.f1", "ner.entity_f1", "avg", "Δ avg", "domain loss", "general loss", "tokens",
            "% of DACP", "wall"),
        Format.header(Fixtures.COLUMNS));
    assertEquals(
        List.of("base", "0.5000 ± 0.0100", "0.6000", "–", "0.5500", "–", "2.5000", "2.0000", "–", "–", "–"),
        Format.cells(rows.get(0)));
    assertEquals(
        List.of("dacp", "0.6000 ± 0.0200", "0.7000 ± 0.0300", "0.8000 ± 0.0400", "0.7000", "+0.1500", "2.1000",
            "2.0500", "1,000,000", "100.0%", "4.1 min (gpu(0))"),
        Format.cells(rows.get(1)));
    assertEquals(
        List.of("ets-dacp-hard", "0.7000 ± 0.0200", "–", "0.9000 ± 0.0100", "0.8000", "+0.2500", "2.2000", "2.0100",
            "250,000", "25.0%", "12.3 s (cpu)"),
        Format.cells(rows.get(2)));
  }

  @Test
  void negativeDeltaNoDacpRowAndNoTaskValues() {
    ModelRow base = new ModelRow("base", Map.of("a", new Estimate(0.6, null)), null, null, null, null, null, null,
        null, null);
    ModelRow worse = new ModelRow("tacp", Map.of("a", new Estimate(0.5, null)), null, null, 10L, 7200.0, "cpu", null,
        null, null);
    ModelRow empty = new ModelRow("broken", Map.of("a", new Estimate(Double.NaN, null)), null, null, 10L, null, null,
        null, null, null);
    List<ResultsTable.Row> rows =
        ResultsTable.compute(new ReportInput("s", null, List.of("a"), List.of(base, worse, empty), null, null, null));
    assertEquals(-0.1, rows.get(1).deltaAvg(), EPS);
    assertEquals("-0.1000", Format.signed4(rows.get(1).deltaAvg()));
    assertNull(rows.get(1).dacpShare()); // no dacp row
    assertEquals("2.0 h (cpu)", Format.cells(rows.get(1)).get(8));
    // A NaN value is missing: no avg, hence no Δ avg.
    assertNull(rows.get(2).avg());
    assertNull(rows.get(2).deltaAvg());
    assertEquals("–", Format.cells(rows.get(2)).get(1));
  }

  @Test
  void wallTimeUnits() {
    assertEquals("12.3 s", Format.wall(12.34, null));
    assertEquals("4.1 min (cpu)", Format.wall(246.0, "cpu"));
    assertEquals("2.0 h (gpu(0))", Format.wall(7200.0, "gpu(0)"));
    assertEquals("–", Format.wall(null, null));
  }
}
