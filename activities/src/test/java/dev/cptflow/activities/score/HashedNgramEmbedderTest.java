package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashedNgramEmbedderTest {
  private final HashedNgramEmbedder embedder = new HashedNgramEmbedder();

  private double dot(String a, String b) {
    return embedder.embedSparse(a).dot(embedder.embedSparse(b));
  }

  @Test
  void identicalTextsHaveDotOne() {
    String text = "Net interest income rose 12% as deposit costs stabilised.";
    assertEquals(1.0, dot(text, text), 1e-6);
  }

  @Test
  void caseAndPunctuationDoNotChangeTheVector() {
    assertEquals(1.0, dot("Bank, river!", "bank river"), 1e-6);
  }

  @Test
  void disjointVocabulariesAreOrthogonal() {
    assertEquals(0.0, dot("equity bond yield", "flour sugar butter"), 0.0);
  }

  @Test
  void bigramsMakeWordOrderMatter() {
    double d = dot("bank river", "river bank");
    // Same unigrams, different bigram: 2 of 3 unit-weight entries shared.
    assertEquals(2.0 / 3.0, d, 1e-6);
  }

  @Test
  void bucketOfTheIsPinnedToFnv1a64() {
    // FNV-1a 64 of UTF-8 "the", xor-folded, low 18 bits; a change of hash breaks stored results.
    assertEquals(7269, HashedNgramEmbedder.bucketOf("the"));
    assertArrayEquals(new int[] {7269}, embedder.embedSparse("The").indices());
  }

  @Test
  void nonAsciiWordsAreLowerCasedAndHashedAsUtf8() {
    assertArrayEquals(
        new int[] {HashedNgramEmbedder.bucketOf("äpfel")}, embedder.embedSparse("ÄPFEL").indices());
  }

  @Test
  void textWithoutTokensIsTheZeroVector() {
    assertEquals(0, embedder.embedSparse(" ,;! ").size());
  }

  @Test
  void denseRowsMatchTheSparseVectorAndHaveUnitLength() {
    String text = "rates rose and rates fell";
    float[] row = embedder.embed(List.of(text))[0];
    SparseVector sparse = embedder.embedSparse(text);
    double squares = 0;
    for (float v : row) {
      squares += v * v;
    }
    assertEquals(1.0, squares, 1e-6);
    for (int k = 0; k < sparse.size(); k++) {
      assertEquals(sparse.values()[k], row[sparse.indices()[k]]);
    }
    // 4 distinct unigrams ("rates" twice) + 4 bigrams; sublinear, "rates" weighs w / sqrt(w² + 7) with w = 1 + ln 2.
    assertEquals(8, sparse.size());
    float max = 0;
    for (float v : sparse.values()) {
      max = Math.max(max, v);
    }
    double w = 1 + Math.log(2);
    assertEquals(w / Math.sqrt(w * w + 7), max, 1e-6);
  }
}
