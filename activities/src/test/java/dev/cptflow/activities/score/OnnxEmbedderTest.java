package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {
  private static OnnxEmbedder miniLm;

  @BeforeAll
  static void load() {
    miniLm = OnnxEmbedder.builtinMiniLm();
  }

  @AfterAll
  static void close() {
    miniLm.close();
  }

  private static double cos(float[] a, float[] b) {
    double dot = 0;
    for (int k = 0; k < a.length; k++) {
      dot += a[k] * b[k];
    }
    return dot;
  }

  private static float[] one(String text) {
    return miniLm.embed(List.of(text))[0];
  }

  @Test
  void miniLmHas384Dimensions() {
    assertEquals(384, miniLm.dimension());
  }

  @Test
  void rowsHaveUnitLength() {
    for (float[] row : miniLm.embed(List.of("Revenue grew 8% year over year.", "", "cake"))) {
      assertEquals(384, row.length);
      assertEquals(1.0, cos(row, row), 1e-5);
    }
  }

  @Test
  void batchingGivesTheSameVectorsAsOneAtATime() {
    List<String> texts =
        List.of(
            "Hi.",
            "The central bank raised interest rates by fifty basis points to curb inflation.",
            "Quarterly earnings beat analyst expectations, sending the shares up 7% in early"
                + " trading.",
            "ok");
    float[][] batched = miniLm.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = one(texts.get(i));
      for (int k = 0; k < alone.length; k++) {
        assertEquals(alone[k], batched[i][k], 1e-5, "text " + i + " dim " + k);
      }
    }
  }

  @Test
  void relatedSentencesAreCloserThanUnrelatedOnes() {
    float[] market = one("The stock market fell");
    assertTrue(
        cos(market, one("Shares dropped sharply")) > cos(market, one("I baked a chocolate cake")));
  }

  @Test
  void textBeyond256WordPiecesIsIgnored() {
    String filler = "word ".repeat(400);
    assertEquals(1.0, cos(one(filler + "stocks bonds"), one(filler + "flour sugar")), 1e-6);
  }

  @Test
  void textWithin256WordPiecesCounts() {
    // Past the 128 the tokenizer.json itself would cut at, but within the model's 256.
    String filler = "word ".repeat(180);
    assertTrue(cos(one(filler + "stocks bonds"), one(filler + "flour sugar")) < 0.9999);
  }
}
