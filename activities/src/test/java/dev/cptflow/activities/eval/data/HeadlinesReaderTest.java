package dev.cptflow.activities.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlinesReaderTest {
  /** The nine label types, with columns spelt unlike the header for PastPrice and PastNews. */
  private static final List<Map<String, Object>> LABEL_TYPES = List.of(
      type("Price or Not", "Price or Not", "Does the news headline talk about price?"),
      type("Direction Up", "Direction Up", "Does the news headline talk about price going up?"),
      type("Direction Constant", "Direction Constant", "Does the news headline talk about price staying constant?"),
      type("Direction Down", "Direction Down", "Does the news headline talk about price going down?"),
      type("PastPrice", "Past Price", "Does the news headline talk about price in the past?"),
      type("FuturePrice", "FuturePrice", "Does the news headline talk about price in the future?"),
      type("PastNews", "PastNews", "Does the news headline talk about a general event (apart from prices) in the past?"),
      type("FutureNews", "Future News", "Does the news headline talk about a general event (apart from prices) in the future?"),
      type("Asset Comparision", "Asset Comparision", "Does the news headline compare gold with any other asset?"));

  private static final String HEADER = "Dates,URL,News,Price or Not,Direction Up,Direction Constant,Direction Down,"
      + "PastPrice,FuturePrice,Past News,Future_News,Asset Comparision\r\n";

  @TempDir Path dir;

  private static Map<String, Object> type(String name, String column, String question) {
    return Map.of("name", name, "column", column, "question", question);
  }

  private List<EvalDoc> read(String csv) throws Exception {
    Path file = Files.writeString(dir.resolve("gold.csv"), csv);
    return EvalFormat.HEADLINES.read(file, "file:/x/gold.csv", Map.of("label_types", LABEL_TYPES));
  }

  @Test
  void eachRowGivesOneDocumentPerLabelTypeInOrder() throws Exception {
    List<EvalDoc> docs = read(HEADER
        + "28-01-2016,http://a,\"gold rises, silver \"\"flat\"\"\",1,yes,0,no,TRUE,false,1,0,Yes\r\n"
        + "\n"
        + "13-09-2017,http://b,\"april gold down\n20 cents\",1,0,0,1,0,0,0,1,No\r\n");

    assertEquals(18, docs.size());
    List<String> expected = new ArrayList<>();
    expected.addAll(List.of("Yes", "Yes", "No", "No", "Yes", "No", "Yes", "No", "Yes"));
    expected.addAll(List.of("Yes", "No", "No", "Yes", "No", "No", "No", "Yes", "No"));
    assertEquals(expected, docs.stream().map(d -> d.fields().get("label")).toList());

    assertEquals(new EvalDoc(Map.of("text", "gold rises, silver \"flat\"", "label_type", "Price or Not",
        "question", "Does the news headline talk about price?", "label", "Yes", "row", 1), "file:/x/gold.csv:2"), docs.get(0));
    assertEquals(List.of("text", "label_type", "question", "label", "row"), List.copyOf(docs.get(0).fields().keySet()));
    EvalDoc last = docs.get(17);
    assertEquals("april gold down\n20 cents", last.fields().get("text"));
    assertEquals("Asset Comparision", last.fields().get("label_type"));
    assertEquals(2, last.fields().get("row"));
    assertEquals("file:/x/gold.csv:4", last.origin());
  }

  @Test
  void aMissingColumnIsNamedWithTheHeaderLine() {
    EvalDataException e = assertThrows(EvalDataException.class,
        () -> read(HEADER.replace("Asset Comparision", "Asset") + "d,u,gold up,1,1,0,0,0,0,0,0,0\n"));
    assertEquals("file:/x/gold.csv:1: column 'Asset Comparision' is not in the header (columns: Dates, URL, News, "
        + "Price or Not, Direction Up, Direction Constant, Direction Down, PastPrice, FuturePrice, Past News, Future_News, Asset)",
        e.getMessage());
  }

  @Test
  void aBadValueOrAShiftedRowNamesTheLine() {
    assertEquals("file:/x/gold.csv:3: column 'Direction Up': 'maybe' is not 1/0, yes/no or true/false",
        assertThrows(EvalDataException.class, () -> read(HEADER + "d,u,gold up,1,1,0,0,0,0,0,0,0\n"
            + "d,u,gold down,1,maybe,0,0,0,0,0,0,0\n")).getMessage());
    assertEquals("file:/x/gold.csv:2: 13 fields, but the header has 12",
        assertThrows(EvalDataException.class, () -> read(HEADER + "d,u,gold up, 5%,1,1,0,0,0,0,0,0,0\n")).getMessage());
  }
}
