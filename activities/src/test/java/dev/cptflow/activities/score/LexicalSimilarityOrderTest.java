package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.corpus.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where MiniLM and {@code builtin:hashed-ngrams} (sublinear TF × IDF, document frequencies from a corpus) must agree
 * on which of two documents is closer to a task text. Each case is first checked to be one MiniLM gets right, so the
 * test states what a sound lexical similarity owes: topic words decide, not function words, and not length.
 */
class LexicalSimilarityOrderTest {
  /** The task text, the document that should rank higher, the one that should rank lower. */
  private record Case(String name, List<String> task, String closer, String farther) {}

  private static final List<String> FINANCE_TASK = List.of(
      "Net sales increased and the operating profit of the company improved compared with the previous quarter.",
      "The bank reported a pre-tax loss while revenue and earnings per share fell in the third quarter.");
  private static final String RECIPE =
      "Whisk the eggs with sugar, fold in the flour gently, and bake the cake for forty minutes until golden.";
  private static final String FINANCE =
      "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period, while net sales grew by 5 percent.";

  /** Everyday prose for the corpus the document frequencies come from, and for long documents. */
  private static final String[] GENERAL = {
    "The children walked to the park with their grandmother on a sunny afternoon.",
    "It was the best of the days, and the garden was full of the scent of the roses.",
    "The team won the match in the final minute after a long and hard season.",
    "We took the train to the coast and spent the week walking along the cliffs.",
    "The museum opened a new exhibition of paintings from the nineteenth century.",
    "Rain fell all night, and in the morning the river had risen over the road.",
    "The teacher asked the class to read the first chapter of the novel by Friday.",
    "Add the onions to the pan and cook them over a low heat until they are soft.",
    "The striker scored twice and the coach praised the defence after the game.",
    "Plant the seeds in the spring and water them well during the dry weeks.",
    "The patient reported a fever and a headache, and the doctor ordered a blood test.",
    "Our neighbours repaired the fence and painted the door of the old house.",
    "The orchestra played the symphony and the audience stood to applaud at the end.",
    "The hikers reached the top of the mountain before the clouds came in.",
  };
  private static final String[] FINANCE_CORPUS = {
    "The company said net sales rose 8 percent and operating profit improved in the quarter.",
    "Shares fell after the bank reported a loss and cut its forecast for earnings per share.",
    "Revenue for the period was EUR 52 mn, up from EUR 47 mn a year earlier.",
    "The group expects its pre-tax profit to grow as demand for its products recovers.",
    "Quarterly earnings beat analyst estimates and the board raised the dividend.",
  };

  private static final List<Case> CASES = List.of(
      new Case("the issue's example: a finance report, not a recipe", FINANCE_TASK, FINANCE, RECIPE),
      new Case("a short finance sentence, not a long everyday text full of function words", FINANCE_TASK, FINANCE,
          String.join(" ", GENERAL) + " " + String.join(" ", GENERAL)),
      new Case("a match report for a sports task, not a finance report", List.of(
          "The striker scored in the second half and the home team won the league match.",
          "The goalkeeper saved a penalty before the coach made two substitutions."),
          "The team won the match after the striker scored a late goal and the goalkeeper saved a penalty.",
          "Operating profit of the company rose while net sales fell in the quarter."),
      new Case("a clinical note for a medical task, not a garden text", List.of(
          "The patient presented with fever, cough and shortness of breath.",
          "Blood tests showed raised inflammatory markers and the doctor prescribed antibiotics."),
          "The doctor examined the patient, who had a fever and a cough, and ordered blood tests.",
          "Plant the roses in the spring and water the garden well during the dry weeks."),
      new Case("a recipe for a cooking task, not a repeated stock of common words", List.of(
          "Melt the butter in a pan, add the onions and cook until soft.",
          "Season the soup with salt and pepper and simmer for twenty minutes."),
          "Cook the onions in butter until soft, then add the stock and simmer the soup for twenty minutes.",
          "It was the end of the day and the people of the town went to the square to see the lights of the fair."));

  private static OnnxEmbedder miniLm;
  private static DocumentFrequencies frequencies;

  @BeforeAll
  static void setUp() {
    miniLm = OnnxEmbedder.builtinMiniLm();
    SplittableRandom random = new SplittableRandom(7);
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String[] pool = random.nextInt(5) == 0 ? FINANCE_CORPUS : GENERAL;
      StringBuilder text = new StringBuilder();
      for (int s = 0, n = 1 + random.nextInt(4); s < n; s++) {
        text.append(pool[random.nextInt(pool.length)]).append(' ');
      }
      corpus.add(text.toString());
    }
    for (Case c : CASES) {
      corpus.add(c.closer());
      corpus.add(c.farther());
    }
    int[] counts = new int[HashedNgramEmbedder.DIMENSION];
    corpus.forEach(text -> HashedNgramEmbedder.countDocument(text, counts));
    frequencies = new DocumentFrequencies(corpus.size(), counts);
  }

  @AfterAll
  static void tearDown() {
    miniLm.close();
  }

  @Test
  void miniLmAndHashedNgramsAgreeOnWhichDocumentIsCloserToTheTask() {
    List<String> wrong = new ArrayList<>();
    for (Case c : CASES) {
      double[] byMiniLm = scores(kept(miniLm), c);
      assertTrue(byMiniLm[0] > byMiniLm[1], c.name() + ": MiniLM itself disagrees, " + byMiniLm[0] + " vs " + byMiniLm[1]);
      double[] byHashed = scores(new HashedNgramEmbedder(frequencies), c);
      if (!(byHashed[0] > byHashed[1])) {
        wrong.add(c.name() + ": " + byHashed[0] + " vs " + byHashed[1]);
      }
    }
    assertTrue(wrong.isEmpty(), "hashed-ngrams orders these against MiniLM: " + wrong);
  }

  @Test
  void rawTermFrequenciesGotTheIssuesExampleWrongAndTfIdfDoesNot() {
    Case example = CASES.get(0);
    double[] raw = scores(new RawCounts(), example);
    assertTrue(raw[1] > raw[0], "raw counts rank the recipe first, as the issue reported: " + raw[0] + " vs " + raw[1]);
    double[] tfIdf = scores(new HashedNgramEmbedder(frequencies), example);
    assertTrue(tfIdf[0] > 2 * tfIdf[1], "the finance report well ahead: " + tfIdf[0] + " vs " + tfIdf[1]);
  }

  /** The former weighting: raw counts, L2-normalised. */
  private static final class RawCounts implements Embedder {
    @Override
    public int dimension() {
      return HashedNgramEmbedder.DIMENSION;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] rows = new float[texts.size()][];
      for (int i = 0; i < rows.length; i++) {
        SparseVector counts = HashedNgramEmbedder.counts(texts.get(i));
        double squares = 0;
        for (float count : counts.values()) {
          squares += count * count;
        }
        float[] values = counts.values().clone();
        for (int k = 0; k < values.length; k++) {
          values[k] /= (float) Math.sqrt(squares);
        }
        rows[i] = new SparseVector(counts.indices(), values).toDense(HashedNgramEmbedder.DIMENSION);
      }
      return rows;
    }
  }

  /** The shared MiniLM, which a scorer must not close. */
  private static Embedder kept(Embedder embedder) {
    return new Embedder() {
      @Override
      public int dimension() {
        return embedder.dimension();
      }

      @Override
      public float[][] embed(List<String> texts) {
        return embedder.embed(texts);
      }
    };
  }

  private static double[] scores(Embedder embedder, Case c) {
    try (SimScorer sim = new SimScorer(embedder, c.task())) {
      return sim.score(List.of(document(c.closer()), document(c.farther())));
    }
  }

  private static Document document(String text) {
    return new Document(Integer.toHexString(text.hashCode()), text, text.length() / 4, "test");
  }
}
