package dev.cptflow.activities.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiqaSaReaderTest {
  @TempDir Path dir;

  private List<EvalDoc> read(String json) throws Exception {
    Path file = Files.writeString(dir.resolve("task1.json"), json);
    return EvalFormat.FIQA_SA.read(file, "file:/x/task1.json", Map.of());
  }

  private static String post(String id, String score) {
    return "\"" + id + "\": {\"sentence\": \"Post " + id + "\", \"info\": [{\"snippets\": \"['x']\", \"target\": \"T" + id
        + "\", \"sentiment_score\": " + score + ", \"aspects\": \"['Stock/Price Action']\"}, {\"target\": \"ignored\", \"sentiment_score\": 0.9}]}";
  }

  @Test
  void theCategoryIsThePostsTypeElseWhatTheFileNameSays() throws Exception {
    String json = "{" + post("1", "0.5") + "}";
    Path headlines = Files.writeString(dir.resolve("task1_headline_ABSA_train.json"), json);
    assertEquals("headline", EvalFormat.FIQA_SA.read(headlines, "file:/x/task1_headline_ABSA_train.json", Map.of())
        .get(0).fields().get("category"));
    String typed = "{\"1\": {\"sentence\": \"S\", \"type\": \"Headline\", \"info\": [{\"target\": \"T\", \"sentiment_score\": 0.5}]}}";
    assertEquals("headline", read(typed).get(0).fields().get("category"));
  }

  @Test
  void scoresBecomeLabelsAtTheThresholdsInKeyOrder() throws Exception {
    List<EvalDoc> docs = read("{" + String.join(",\n", post("9", "-0.1"), post("3", "\"0.1\""), post("7", "\"-0.1000001\""),
        post("1", "0.0999999"), post("5", "\" -0.374 \"")) + "}");

    assertEquals(List.of("9", "3", "7", "1", "5"), docs.stream().map(d -> d.fields().get("id")).toList());
    assertEquals(List.of("neutral", "positive", "negative", "neutral", "negative"),
        docs.stream().map(d -> d.fields().get("label")).toList());
    assertEquals(List.of(-0.1, 0.1, -0.1000001, 0.0999999, -0.374), docs.stream().map(d -> d.fields().get("score")).toList());
    EvalDoc first = docs.get(0);
    assertEquals("file:/x/task1.json:9", first.origin());
    assertEquals(List.of("id", "sentence", "text", "target", "aspects", "score", "category", "label"), List.copyOf(first.fields().keySet()));
    assertEquals("Post 9", first.fields().get("text"));
    assertEquals("post", first.fields().get("category"), "a file not named for headlines holds posts");
    assertEquals("T9", first.fields().get("target"));
    assertEquals("['Stock/Price Action']", first.fields().get("aspects"));
  }

  @Test
  void aBadScoreNamesTheIdAndField() {
    EvalDataException e = assertThrows(EvalDataException.class, () -> read("{" + post("1", "0.5") + "," + post("42", "\"high\"") + "}"));
    assertEquals("file:/x/task1.json:42: field 'sentiment_score': 'high' is not a number", e.getMessage());
  }

  @Test
  void aRepeatedIdIsAnErrorRatherThanALostPost() {
    EvalDataException e = assertThrows(EvalDataException.class, () -> read("{" + post("1", "0.5") + ",\n" + post("1", "0.2") + "}"));
    assertEquals("file:/x/task1.json:2: invalid JSON: Duplicate field '1'", e.getMessage());
  }
}
