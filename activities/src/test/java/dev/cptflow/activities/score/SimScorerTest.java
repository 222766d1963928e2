package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.corpus.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimScorerTest {
  private static final List<String> TASK =
      List.of(
          "What is the sentiment of this headline: the company's quarterly revenue beat analyst"
              + " estimates and its stock price rose?",
          "Classify the news: the central bank raised interest rates, and bond yields and the"
              + " dollar climbed.");
  private static final Document FINANCE =
      doc(
          "Shares of the bank rose after the quarterly revenue beat the estimates of analysts, and"
              + " the stock price climbed as interest rates and bond yields stayed high.");
  private static final Document RECIPE =
      doc(
          "Preheat the oven to 180 degrees. Whisk the eggs with the sugar, fold in the flour and"
              + " the butter, and bake the cake for 30 minutes until it is golden.");

  private static Document doc(String text) {
    return new Document(Integer.toHexString(text.hashCode()), text, text.length() / 4, "test");
  }

  private static void assertFinanceBeatsRecipe(Embedder embedder) {
    try (SimScorer sim = new SimScorer(embedder, TASK)) {
      double[] scores = sim.score(List.of(FINANCE, RECIPE));
      assertTrue(scores[0] > scores[1], "finance " + scores[0] + " vs recipe " + scores[1]);
    }
  }

  @Test
  void financeDocumentIsCloserToFinanceTaskThanRecipeWithHashedNgrams() {
    assertFinanceBeatsRecipe(new HashedNgramEmbedder());
  }

  @Test
  void financeDocumentIsCloserToFinanceTaskThanRecipeWithMiniLm() {
    assertFinanceBeatsRecipe(OnnxEmbedder.builtinMiniLm());
  }

  @Test
  void simIsTheDotWithTheUnnormalisedMeanOfTaskEmbeddings() {
    // ê(t1) = (a, b, "a b")/√3, ê(t2) = (b, c, "b c")/√3, ê(d) = (a, b, c, "a b", "b c")/√5.
    // mean = (a/2 + b + c/2 + "a b"/2 + "b c"/2)/√3, so ê(d)·mean = (4·½ + 1)/√15 = 3/√15.
    // Re-normalising the mean (|mean| = √(2/3)) would give 3/√10 instead.
    try (SimScorer sim = new SimScorer(new HashedNgramEmbedder(), List.of("a b", "b c"))) {
      double score = sim.score(List.of(doc("a b c")))[0];
      assertEquals(3 / Math.sqrt(15), score, 1e-6);
    }
  }

  @Test
  void simEqualsTheMeanCosineToTheTaskTextsWithMiniLm() {
    OnnxEmbedder miniLm = OnnxEmbedder.builtinMiniLm();
    float[][] e = miniLm.embed(List.of(TASK.get(0), TASK.get(1), FINANCE.text()));
    double expected = (dot(e[2], e[0]) + dot(e[2], e[1])) / 2;
    try (SimScorer sim = new SimScorer(miniLm, TASK)) {
      assertEquals(expected, sim.score(List.of(FINANCE))[0], 1e-5);
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }
}
