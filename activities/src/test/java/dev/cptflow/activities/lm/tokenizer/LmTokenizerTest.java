package dev.cptflow.activities.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.workflows.api.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmTokenizerTest {
  @TempDir static Path dir;
  private static LmTokenizer tokenizer;

  @BeforeAll
  static void trainOnTheBuiltinCorpus() {
    BuiltinCorpus.writeDefaultTokenizer(dir, 1024);
    tokenizer = LmTokenizer.load(dir);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void encodeThenDecodeGivesBackAnyTextExactly() {
    for (String text :
        List.of(
            "The bank raised its dividend.",
            "  leading and trailing spaces  ",
            "\n\nnewlines\r\n\tand tabs\n",
            "café, naïve, résumé: é",
            "中文 文本 and emoji 😀🚀 mixed",
            "",
            " ")) {
      assertEquals(text, tokenizer.decode(tokenizer.encode(text)), () -> "round trip of [" + text + "]");
    }
  }

  @Test
  void frequentWordsBecomeSingleTokensInHfsEngine() {
    int[] ids = tokenizer.encode(" the");
    assertEquals(1, ids.length, "' the' should be one learned token");
    assertEquals(" the", tokenizer.decode(ids));
    assertTrue(ids[0] >= 2 + 256, "a merged token, not a byte");
    String sentence = " the company said the revenue of the bank rose";
    assertTrue(
        tokenizer.encode(sentence).length < sentence.getBytes(StandardCharsets.UTF_8).length / 2,
        "merges should compress common English well below one token per byte");
  }

  @Test
  void specialTokensAreEosAndPaddingAndNeverAddedOnEncode() {
    assertEquals(0, tokenizer.eosId());
    assertEquals(1, tokenizer.padId());
    assertEquals(1024, tokenizer.vocabSize());
    for (int id : tokenizer.encode("Hello world. Revenue rose 4%.")) {
      assertTrue(id > 1, "no special token may be added: " + id);
    }
  }

  @Test
  void endOfTextInTheInputIsTheEosToken() {
    // HF matches added tokens in raw text even with add_special_tokens=false, as Pythia's does.
    int[] ids = tokenizer.encode("a<|endoftext|>b");
    assertEquals(3, ids.length);
    assertEquals(0, ids[1]);
    assertEquals("a<|endoftext|>b", tokenizer.decode(ids));
  }

  @Test
  void batchEncodingMatchesOneByOneAndIsNotPadded() {
    List<String> texts = List.of("short", "a much longer sentence about interest rates", "");
    List<int[]> batch = tokenizer.encodeBatch(texts);
    assertEquals(texts.size(), batch.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(tokenizer.encode(texts.get(i)), batch.get(i));
    }
  }

  @Test
  void shaIsOfTheFileBytes() throws Exception {
    byte[] bytes = Files.readAllBytes(dir.resolve("tokenizer.json"));
    assertEquals(Sha256.hex(bytes), tokenizer.sha256());
  }

  @Test
  void aMissingTokenizerNamesThePath(@TempDir Path empty) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LmTokenizer.load(empty));
    assertTrue(e.getMessage().contains(empty.resolve("tokenizer.json").toString()), e.getMessage());
  }

  @Test
  void anUnparsableTokenizerNamesThePath(@TempDir Path broken) throws IOException {
    Path file = broken.resolve("tokenizer.json");
    Files.writeString(file, "{\"version\": \"1.0\", \"model\": {\"type\": \"BPE\", \"vocab\": 7}}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LmTokenizer.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());

    Files.writeString(file, "not json");
    e = assertThrows(IllegalArgumentException.class, () -> LmTokenizer.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
