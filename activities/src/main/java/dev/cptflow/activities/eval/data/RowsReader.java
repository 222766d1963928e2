package dev.cptflow.activities.eval.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Rows as they are: FLARE task files and Hugging Face dataset exports, as JSONL (plain or gzip) or
 * Parquet. Every field is kept, nested lists and structs included, for templates to pick from.
 */
final class RowsReader {
  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  private RowsReader() {}

  /** Told apart by content, not name: a downloaded local copy need not keep its extension. */
  static List<EvalDoc> read(Path file, String uri) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(PARQUET_MAGIC.length);
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read: " + e.getMessage(), e);
    }
    if (Arrays.equals(head, PARQUET_MAGIC)) {
      return parquet(file, uri);
    }
    return jsonl(file, uri, head.length >= 2 && head[0] == GZIP_MAGIC[0] && head[1] == GZIP_MAGIC[1]);
  }

  private static List<EvalDoc> jsonl(Path file, String uri, boolean gzip) {
    List<EvalDoc> docs = new ArrayList<>();
    // A decoder, unlike a charset, reports bytes that are not UTF-8 instead of replacing them.
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw) : raw;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (!line.isBlank()) {
          String origin = uri + ":" + number;
          docs.add(new EvalDoc(object(line, origin), origin));
        }
      }
    } catch (CharacterCodingException e) {
      throw new EvalDataException(uri + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read: " + e.getMessage(), e);
    }
    return docs;
  }

  /**
   * DuckDB turns each row into JSON and Jackson parses that, so a Parquet file and a JSONL file with
   * the same data give equal documents (integers stay Integer/Long, structs become maps).
   */
  private static List<EvalDoc> parquet(Path file, String uri) {
    List<EvalDoc> docs = new ArrayList<>();
    // The path is inlined because table-function arguments are bound when the query is planned; the
    // odd row alias keeps a column of the same name from shadowing the whole row.
    String path = file.toAbsolutePath().toString().replace("'", "''");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("SELECT to_json(eval_doc_row_) FROM read_parquet('" + path + "') eval_doc_row_")) {
      for (int row = 1; rows.next(); row++) {
        String origin = uri + ":" + row;
        docs.add(new EvalDoc(object(rows.getString(1), origin), origin));
      }
    } catch (SQLException e) {
      throw new EvalDataException(uri + ": cannot read Parquet: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return docs;
  }

  private static Map<String, Object> object(String json, String origin) {
    Object value;
    try {
      value = Json.MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new EvalDataException(origin + ": not a JSON object: " + Json.problem(e));
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new EvalDataException(origin + ": not a JSON object");
    }
    @SuppressWarnings("unchecked") // Jackson's objects have String keys
    Map<String, Object> object = (Map<String, Object>) value;
    return object;
  }
}
