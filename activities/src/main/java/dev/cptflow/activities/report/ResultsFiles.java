package dev.cptflow.activities.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** results.csv and results.json: the table's raw numbers (not formatted), for tools rather than readers. */
final class ResultsFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsFiles() {}

  /**
   * One header line and one line per row. Numbers are written in full ({@link Double#toString}); a missing value is an
   * empty cell. {@code dacp_token_share} is a fraction (1.0 = as many tokens as DACP), unlike the report's percentage.
   */
  static String csv(List<String> columns, List<ResultsTable.Row> rows) {
    List<String> header = new ArrayList<>();
    header.add("model");
    for (String column : columns) {
      header.add(column);
      header.add(column + "_stderr");
    }
    header.addAll(List.of(
        "avg", "delta_avg", "domain_loss", "general_loss", "tokens_trained", "dacp_token_share", "wall_seconds",
        "device"));
    StringBuilder out = new StringBuilder();
    line(out, header);
    for (ResultsTable.Row row : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(row.model());
      for (Estimate e : row.cells()) {
        cells.add(e == null ? "" : raw(e.value()));
        cells.add(e == null ? "" : raw(e.stderr()));
      }
      cells.add(raw(row.avg()));
      cells.add(raw(row.deltaAvg()));
      cells.add(raw(row.domainLoss()));
      cells.add(raw(row.generalLoss()));
      cells.add(row.tokens() == null ? "" : Long.toString(row.tokens()));
      cells.add(raw(row.dacpShare()));
      cells.add(raw(row.wallSeconds()));
      cells.add(row.device() == null ? "" : row.device());
      line(out, cells);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(cells.get(i)));
    }
    out.append('\n');
  }

  /** RFC 4180: a field holding a comma, quote or line break is quoted, with its quotes doubled. */
  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static String raw(Double v) {
    return v == null ? "" : Double.toString(v);
  }

  static String json(ReportInput input, List<ResultsTable.Row> rows) throws java.io.IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("sweep", input.sweepId());
    root.put("title", input.title());
    ArrayNode columns = root.putArray("columns");
    input.columns().forEach(columns::add);
    ArrayNode rowsNode = root.putArray("rows");
    for (ResultsTable.Row row : rows) {
      ObjectNode r = rowsNode.addObject();
      r.put("model", row.model());
      ObjectNode metrics = r.putObject("metrics");
      for (int c = 0; c < input.columns().size(); c++) {
        Estimate e = row.cells().get(c);
        if (e == null) {
          metrics.putNull(input.columns().get(c));
        } else {
          ObjectNode m = metrics.putObject(input.columns().get(c));
          m.put("value", e.value());
          m.put("stderr", e.stderr()); // ObjectNode.put(String, Double) writes null for null
        }
      }
      r.put("avg", row.avg());
      r.put("delta_avg", row.deltaAvg());
      r.put("domain_loss", row.domainLoss());
      r.put("general_loss", row.generalLoss());
      r.put("tokens_trained", row.tokens());
      r.put("dacp_token_share", row.dacpShare());
      r.put("wall_seconds", row.wallSeconds());
      r.put("device", row.device());
    }
    ArrayNode selection = root.putArray("selection");
    for (SelectionQuality q : input.selections()) {
      ObjectNode s = selection.addObject();
      s.put("variant", q.variant());
      s.put("selected_docs", q.selectedDocs());
      s.put("selected_tokens", q.selectedTokens());
      s.put("in_domain_selected", q.inDomainSelected());
      s.put("in_domain_total", q.inDomainTotal());
      s.put("corpus_docs", q.corpusDocs());
      s.put("precision", q.precision());
      s.put("recall", q.recall());
      s.put("base_rate", q.baseRate());
      s.put("lift", q.lift());
    }
    ArrayNode notes = root.putArray("notes");
    input.notes().forEach(notes::add);
    return JSON.writeValueAsString(root) + "\n";
  }
}
