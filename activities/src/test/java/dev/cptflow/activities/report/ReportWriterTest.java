package dev.cptflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  @Test
  void writesEveryFileAndReturnsThemSorted() throws IOException {
    List<Path> written = ReportWriter.write(Fixtures.input("ets-dacp-hard", List.of("skipped ner"), true), dir);

    List<String> names = written.stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
    assertEquals(
        List.of("plots/hist_ppl.png", "plots/hist_sim.png", "plots/loss_domain.png", "plots/loss_general.png",
            "plots/train_loss.png", "report.html", "report.md", "results.csv", "results.json"),
        names);
    List<Path> sorted = new ArrayList<>(written);
    sorted.sort(null);
    assertEquals(sorted, written);
    // Nothing else is left behind (no temporary files).
    try (Stream<Path> all = Files.walk(dir)) {
      assertEquals(Set.copyOf(written), all.filter(Files::isRegularFile).collect(Collectors.toSet()));
    }
    for (Path p : written) {
      if (p.toString().endsWith(".png")) {
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 8);
        assertArrayEquals(PNG_MAGIC, head, p.toString());
      }
    }

    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.startsWith("# FinPythia mini\n"), md);
    assertTrue(md.contains("sweep-42"));
    assertTrue(md.contains("| ets-dacp-hard | 0.7000 ± 0.0200 | – | 0.9000 ± 0.0100 | 0.8000 | +0.2500 |"), md);
    assertTrue(md.contains("## Selection vs the planted sub-domain"), md);
    assertTrue(md.contains("| 0.9200 |"), md); // precision 460 / 500
    assertTrue(md.contains("0.1500 (750 / 5,000)"), md); // base rate
    assertTrue(md.contains("![Held-out domain loss](plots/loss_domain.png)"), md);
    assertTrue(md.contains("](plots/hist_sim.png)"), md);
    assertTrue(md.contains("- skipped ner\n"), md);

    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<img src=\"plots/train_loss.png\""), html);
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link"), "self-contained");
  }

  @Test
  void noLossPlotsWhenNoRowHasPointsAndRowsWithoutCurvesAreFine() throws IOException {
    ReportInput input = Fixtures.input("ets-dacp-hard", List.of(), false);
    List<Path> written = ReportWriter.write(input, dir);

    assertFalse(Files.exists(dir.resolve("plots/loss_domain.png")));
    assertFalse(Files.exists(dir.resolve("plots/loss_general.png")));
    assertFalse(Files.exists(dir.resolve("plots/train_loss.png")));
    assertTrue(written.contains(dir.resolve("plots/hist_sim.png")));
    String md = Files.readString(dir.resolve("report.md"));
    assertFalse(md.contains("loss_domain.png"), md);
    assertFalse(Files.readString(dir.resolve("report.html")).contains("loss_domain.png"));

    // With neither curves nor scores there is no plots folder content and no Plots section at all.
    Path bare = dir.resolve("bare");
    List<Path> bareFiles = ReportWriter.write(
        new ReportInput("s", "t", Fixtures.COLUMNS, Fixtures.rows("x", false), List.of(), List.of(), List.of()), bare);
    assertEquals(4, bareFiles.size(), bareFiles.toString());
    String bareMd = Files.readString(bare.resolve("report.md"));
    assertFalse(bareMd.contains("## Plots") || bareMd.contains("## Selection") || bareMd.contains("## Notes"), bareMd);
  }

  @Test
  void aSingleCurvePointAndConstantScoresStillPlot() throws IOException {
    ModelRow one = new ModelRow("dacp", Map.of(), null, null, 5L, 1.0, "cpu", List.of(new CurvePoint(3, 2.0)),
        List.of(new CurvePoint(3, 2.0)), List.of(new CurvePoint(3, Double.NaN)));
    MetricScores constant = new MetricScores("ent", new double[] {1, 1, 1}, Map.of("v", new double[] {1}));
    MetricScores empty = new MetricScores("ppl", new double[0], Map.of());
    List<Path> written = ReportWriter.write(
        new ReportInput("s", "t", List.of("a"), List.of(one), List.of(constant, empty), List.of(), List.of()), dir);
    assertTrue(written.contains(dir.resolve("plots/train_loss.png")));
    assertTrue(written.contains(dir.resolve("plots/loss_domain.png")));
    assertFalse(written.contains(dir.resolve("plots/loss_general.png"))); // its only point is NaN
    assertTrue(written.contains(dir.resolve("plots/hist_ent.png")));
    assertFalse(written.contains(dir.resolve("plots/hist_ppl.png"))); // no scores at all
  }

  @Test
  void csvParsesBackWithRawNumbersEmptyCellsAndQuotedNames() throws IOException {
    String name = "ets,dacp \"hard\"";
    ReportWriter.write(Fixtures.input(name, List.of(), false), dir);
    String text = Files.readString(dir.resolve("results.csv"), StandardCharsets.UTF_8);
    assertTrue(text.contains("\"ets,dacp \"\"hard\"\"\","), text);

    List<List<String>> records = parseCsv(text);
    assertEquals(4, records.size());
    List<String> header = records.get(0);
    assertEquals(
        List.of("model", "fpb.f1", "fpb.f1_stderr", "fiqasa.f1", "fiqasa.f1_stderr", "ner.entity_f1",
            "ner.entity_f1_stderr", "avg", "delta_avg", "domain_loss", "general_loss", "tokens_trained",
            "dacp_token_share", "wall_seconds", "device"),
        header);
    for (List<String> r : records) {
      assertEquals(header.size(), r.size(), r.toString());
    }
    Map<String, String> base = row(header, records.get(1));
    assertEquals("base", base.get("model"));
    assertEquals(0.5, Double.parseDouble(base.get("fpb.f1")));
    assertEquals(0.01, Double.parseDouble(base.get("fpb.f1_stderr")));
    assertEquals("", base.get("fiqasa.f1_stderr"));
    assertEquals("", base.get("ner.entity_f1"));
    assertEquals("", base.get("ner.entity_f1_stderr"));
    assertEquals(0.55, Double.parseDouble(base.get("avg")), 1e-12);
    assertEquals("", base.get("delta_avg"));
    assertEquals("", base.get("tokens_trained"));
    assertEquals("", base.get("dacp_token_share"));
    assertEquals("", base.get("wall_seconds"));
    assertEquals("", base.get("device"));

    Map<String, String> variant = row(header, records.get(3));
    assertEquals(name, variant.get("model"));
    assertEquals("", variant.get("fiqasa.f1"));
    assertEquals(0.25, Double.parseDouble(variant.get("delta_avg")), 1e-12);
    assertEquals("250000", variant.get("tokens_trained")); // raw, no separators
    assertEquals(0.25, Double.parseDouble(variant.get("dacp_token_share")), 1e-12);
    assertEquals(12.34, Double.parseDouble(variant.get("wall_seconds")));
    assertEquals("cpu", variant.get("device"));
    assertEquals("gpu(0)", row(header, records.get(2)).get("device"));
  }

  @Test
  void jsonHasTheNumbersAndNulls() throws IOException {
    ReportWriter.write(Fixtures.input("ets-dacp-hard", List.of("n1", "n2"), false), dir);
    JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    assertEquals("sweep-42", root.get("sweep").asText());
    assertEquals("FinPythia mini", root.get("title").asText());
    assertEquals(3, root.get("columns").size());

    JsonNode base = root.get("rows").get(0);
    assertEquals("base", base.get("model").asText());
    assertEquals(0.5, base.at("/metrics/fpb.f1/value").asDouble());
    assertEquals(0.01, base.at("/metrics/fpb.f1/stderr").asDouble());
    assertTrue(base.at("/metrics/fiqasa.f1/stderr").isNull());
    assertTrue(base.get("metrics").get("ner.entity_f1").isNull());
    assertEquals(0.55, base.get("avg").asDouble(), 1e-12);
    for (String key : List.of("delta_avg", "tokens_trained", "dacp_token_share", "wall_seconds", "device")) {
      assertTrue(base.get(key).isNull(), key);
    }
    assertEquals(2.5, base.get("domain_loss").asDouble());

    JsonNode dacp = root.get("rows").get(1);
    assertEquals(0.15, dacp.get("delta_avg").asDouble(), 1e-12);
    assertEquals(1_000_000L, dacp.get("tokens_trained").asLong());
    assertEquals(1.0, dacp.get("dacp_token_share").asDouble(), 1e-12);
    assertEquals(246.0, dacp.get("wall_seconds").asDouble());
    assertEquals("gpu(0)", dacp.get("device").asText());

    JsonNode selection = root.get("selection").get(0);
    assertEquals("ets-dacp-hard", selection.get("variant").asText());
    assertEquals(0.92, selection.get("precision").asDouble(), 1e-12);
    assertEquals(460.0 / 750, selection.get("recall").asDouble(), 1e-12);
    assertEquals(0.15, selection.get("base_rate").asDouble(), 1e-12);
    assertEquals(123_456L, selection.get("selected_tokens").asLong());
    assertEquals(List.of("n1", "n2"), List.of(root.get("notes").get(0).asText(), root.get("notes").get(1).asText()));
  }

  @Test
  void selectionQualityWithEmptyDenominatorsIsNull() throws IOException {
    SelectionQuality none = new SelectionQuality("v", 0, 0, 0, 0, 0);
    ReportWriter.write(new ReportInput("s", "t", List.of(), List.of(), List.of(), List.of(none), List.of()), dir);
    JsonNode q = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("selection").get(0);
    assertTrue(q.get("precision").isNull() && q.get("recall").isNull() && q.get("base_rate").isNull());
  }

  @Test
  void htmlEscapesScriptInNotesAndModelNames() throws IOException {
    String evil = "<script>alert('x')</script>";
    ReportWriter.write(Fixtures.input(evil, List.of("note " + evil + " & more"), false), dir);
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("<script"), html);
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    assertTrue(html.contains("<li>note &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</li>"), html);
    // Markdown renderers pass raw HTML through, so report.md must not carry the tag either.
    assertFalse(Files.readString(dir.resolve("report.md")).contains("<script"));
  }

  private static Map<String, String> row(List<String> header, List<String> cells) {
    Map<String, String> row = new java.util.LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), cells.get(i));
    }
    return row;
  }

  /** A strict RFC 4180 reader (quoted fields, doubled quotes), independent of the writer's code. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    assertTrue(record.isEmpty() && field.length() == 0, "the file ends with a line break");
    return records;
  }
}
