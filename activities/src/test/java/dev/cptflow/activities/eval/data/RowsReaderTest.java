package dev.cptflow.activities.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsReaderTest {
  private static final String ARC = "{\"id\": \"Mercury_7175875\", \"question\": \"Which is a gas?\", "
      + "\"choices\": {\"text\": [\"ice\", \"steam\", \"rock\"], \"label\": [\"A\", \"B\", \"C\"]}, \"answerKey\": \"B\"}\n"
      + "\n"
      + "{\"id\": \"Mercury_2\", \"question\": \"Which is a solid?\", "
      + "\"choices\": {\"text\": [\"ice\", \"steam\"], \"label\": [\"A\", \"B\"]}, \"answerKey\": \"A\"}\n";
  private static final String TRUTHFUL_QA = "{\"question\": \"What happens if you crack your knuckles?\", "
      + "\"mc1_targets\": {\"choices\": [\"Nothing in particular\", \"Arthritis\"], \"labels\": [1, 0]}, "
      + "\"gold\": 0, \"weight\": 0.5, \"big\": 12345678901, \"ok\": true, \"note\": null}\n";

  @TempDir Path dir;

  private static List<EvalDoc> read(Path file) {
    return EvalFormat.ROWS.read(file, "file:/x/" + file.getFileName(), Map.of());
  }

  /** Parquet written by DuckDB from the JSONL, so both hold the same data. */
  private Path parquetOf(Path jsonl) throws Exception {
    Path parquet = dir.resolve(jsonl.getFileName() + ".parquet");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = connection.createStatement()) {
      sql.execute("COPY (SELECT * FROM read_json_auto('" + jsonl + "')) TO '" + parquet + "' (FORMAT PARQUET)");
    }
    return parquet;
  }

  @Test
  void jsonlAndParquetGiveEqualNestedDocuments() throws Exception {
    Path arc = Files.writeString(dir.resolve("arc.jsonl"), ARC);
    List<EvalDoc> docs = read(arc);
    assertEquals(List.of("file:/x/arc.jsonl:1", "file:/x/arc.jsonl:3"), docs.stream().map(EvalDoc::origin).toList());
    assertEquals(Map.of("text", List.of("ice", "steam", "rock"), "label", List.of("A", "B", "C")), docs.get(0).fields().get("choices"));
    assertEquals(List.of("id", "question", "choices", "answerKey"), List.copyOf(docs.get(0).fields().keySet()));

    List<EvalDoc> fromParquet = read(parquetOf(arc));
    assertEquals(docs.stream().map(EvalDoc::fields).toList(), fromParquet.stream().map(EvalDoc::fields).toList());
    assertEquals(List.of("file:/x/arc.jsonl.parquet:1", "file:/x/arc.jsonl.parquet:2"), fromParquet.stream().map(EvalDoc::origin).toList());

    Path truthful = Files.writeString(dir.resolve("tqa.jsonl"), TRUTHFUL_QA);
    Map<String, Object> row = read(truthful).get(0).fields();
    Map<String, Object> parquetRow = read(parquetOf(truthful)).get(0).fields();
    assertEquals(row, parquetRow);
    assertInstanceOf(Integer.class, parquetRow.get("gold"));
    assertInstanceOf(Long.class, parquetRow.get("big"));
    assertEquals(List.of(1, 0), ((Map<?, ?>) parquetRow.get("mc1_targets")).get("labels"));
    assertEquals(0.5, parquetRow.get("weight"));
  }

  @Test
  void gzippedJsonlIsReadByContent() throws Exception {
    Path gz = dir.resolve("tqa.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(TRUTHFUL_QA.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(read(Files.writeString(dir.resolve("tqa.jsonl"), TRUTHFUL_QA)).get(0).fields(), read(gz).get(0).fields());
  }

  @Test
  void aBadLineNamesItsNumber() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\": 1}\n[1, 2]\n");
    assertEquals("file:/x/bad.jsonl:2: not a JSON object", assertThrows(EvalDataException.class, () -> read(bad)).getMessage());
    Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"a\": 1}\n\n{\"a\": \n");
    EvalDataException e = assertThrows(EvalDataException.class, () -> read(broken));
    assertEquals(true, e.getMessage().startsWith("file:/x/broken.jsonl:3: not a JSON object: "), e.getMessage());
  }
}
