package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.corpus.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntScorerTest {
  private final EntScorer ent = new EntScorer();

  private static Document doc(String text) {
    return new Document("d", text, text.length() / 4, "test");
  }

  private static double score(EntScorer scorer, String text) {
    return scorer.score(List.of(doc(text)))[0];
  }

  @Test
  void repeatedWordHasLowerEntropyThanVariedProse() {
    double repeated = score(ent, "buy buy buy buy buy buy buy buy buy buy buy buy");
    double prose =
        score(
            ent, "The committee quickly raised its forecast because inflation stayed high in May.");
    assertTrue(repeated < prose, repeated + " vs " + prose);
  }

  @Test
  void entropyIsMinusSumPLnPOverTheUposTags() {
    String sentence = "The bank raised its rates by 25 basis points.";
    assertArrayEquals(
        new String[] {"DET", "NOUN", "VERB", "PRON", "NOUN", "ADP", "NUM", "NOUN", "NOUN", "PUNCT"},
        ent.tags(sentence));
    // NOUN 4 of 10; DET, VERB, PRON, ADP, NUM, PUNCT 1 of 10 each.
    double expected = -(0.4 * Math.log(0.4) + 6 * 0.1 * Math.log(0.1));
    assertEquals(expected, score(ent, sentence), 1e-12);
  }

  @Test
  void compoundTagsCountOnceForEachPart() {
    // PRON 2, AUX 1, VERB 1 of 4 parts.
    double expected = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    assertEquals(expected, EntScorer.tagEntropy(new String[] {"PRON+AUX", "VERB", "PRON"}), 1e-12);
  }

  @Test
  void contractionsAreTaggedWithCompoundTags() {
    assertEquals("PRON+AUX", ent.tags("I'm sure.")[0]);
  }

  @Test
  void documentWithoutTokensScoresZero() {
    assertEquals(0.0, score(ent, ""));
    assertEquals(0.0, score(ent, "   \n\t "));
  }

  @Test
  void onlyTheFirstMaxTokensAreTagged() {
    EntScorer firstThree = new EntScorer(3);
    String a = "rates rates rates. The committee quickly raised its forecast in May.";
    String b = "rates rates rates, and then we baked a very large cake for everyone!";
    assertEquals(3, firstThree.tags(a).length);
    assertEquals(score(firstThree, a), score(firstThree, b), 0.0);
    assertNotEquals(score(ent, a), score(ent, b));
  }
}
