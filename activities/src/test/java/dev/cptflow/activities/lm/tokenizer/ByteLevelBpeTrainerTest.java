package dev.cptflow.activities.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLevelBpeTrainerTest {
  @Test
  void vocabularyStartsWithTheByteSymbolsInCodePointOrder() {
    BpeVocabulary v = ByteLevelBpeTrainer.train(List.of("x"), 256);
    assertEquals(256, v.tokens().size());
    assertEquals("!", v.tokens().get(0));
    assertEquals("Ā", v.tokens().get(188), "byte 0 is the first shifted symbol");
    assertEquals("Ġ", v.tokens().get(188 + 32), "a space is Ġ");
    assertEquals(List.of(), v.merges());
  }

  @Test
  void mergesTheMostFrequentPairFirstAndBreaksTiesByPair() {
    // "Ġ a" occurs 3 times; "Ġ b", "b b" and "Ġ c" twice, and the smallest ids win the tie: b (65)
    // before Ġ (220), then Ġ c before Ġ bb as c (66) < bb (257). "c d", "c e" occur once: no merge.
    BpeVocabulary v = ByteLevelBpeTrainer.train(List.of(" a a a bb bb cd ce"), 300);
    assertEquals(List.of("Ġ a", "b b", "Ġ c", "Ġ bb"), v.merges());
    assertEquals(List.of("Ġa", "bb", "Ġc", "Ġbb"), v.tokens().subList(256, v.tokens().size()));
  }

  @Test
  void stopsAtTheRequestedSize() {
    BpeVocabulary v = ByteLevelBpeTrainer.train(List.of(BuiltinCorpus.text()), 300);
    assertEquals(300, v.tokens().size());
  }

  @Test
  void trainingIsDeterministicToTheByte() {
    List<String> corpus = List.of(BuiltinCorpus.text());
    byte[] first = TokenizerJsonWriter.toJson(ByteLevelBpeTrainer.train(corpus, 2048));
    byte[] second = TokenizerJsonWriter.toJson(ByteLevelBpeTrainer.train(corpus, 2048));
    assertArrayEquals(first, second);
  }

  @Test
  void learnsThousandsOfTokensFromAMegabyteInSeconds() {
    String corpus = BuiltinCorpus.text().repeat(7);
    long start = System.nanoTime();
    BpeVocabulary v = ByteLevelBpeTrainer.train(List.of(corpus), 4096);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(v.tokens().size() > 2000, "tokens: " + v.tokens().size());
    assertTrue(seconds < 10, "took " + seconds + " s");
  }

  @Test
  void refusesAVocabularySmallerThanTheBytes() {
    assertThrows(IllegalArgumentException.class, () -> ByteLevelBpeTrainer.train(List.of("x"), 255));
  }
}
