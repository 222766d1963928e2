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
  void generatedTextLeavesSpecialTokensOutAndDecodesBrokenUtf8AsReplacementCharacters() {
    int[] entity = tokenizer.encode("Acme Corp, ORG");
    int[] withSpecials = new int[entity.length + 2];
    withSpecials[0] = tokenizer.padId();
    System.arraycopy(entity, 0, withSpecials, 1, entity.length);
    withSpecials[entity.length + 1] = tokenizer.eosId();
    assertTrue(tokenizer.decode(withSpecials).contains("<|padding|>"), "decode keeps them, for round trips");
    assertEquals("Acme Corp, ORG", tokenizer.decodeGenerated(withSpecials));
    // "中" is three bytes, rare enough in the corpus to stay three byte tokens; its first byte alone is no UTF-8,
    // and HF's byte-level decoder gives U+FFFD for it.
    int[] han = tokenizer.encode("中");
    assertTrue(han.length > 1, "a byte token per byte");
    assertEquals("a\uFFFD", tokenizer.decodeGenerated(new int[] {tokenizer.encode("a")[0], han[0]}));
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

  /** The built-in corpus with the odd places a cut could fall: runs of spaces, digits, punctuation, CJK, emoji, EOS. */
  private static String mixedText() {
    StringBuilder text = new StringBuilder();
    String corpus = BuiltinCorpus.text();
    for (int i = 0; text.length() < 60_000; i++) {
      text.append(corpus, 0, Math.min(corpus.length(), 4_000)).append(switch (i % 5) {
        case 0 -> "   three  spaces\n\n\t";
        case 1 -> " 12,345.67% (rates) -- 'quoted' ";
        case 2 -> " 中文文本没有空格 😀🚀 ";
        case 3 -> " a<|endoftext|>b ";
        default -> " caf\u00e9 na\u00efve ";
      });
    }
    return text.toString();
  }

  @Test
  void aTextEncodedInPiecesGivesTheTokensOfTheWhole() {
    String text = mixedText();
    int[] whole = tokenizer.encode(text);
    for (int pieceChars : List.of(97, 1_000, 7_919)) {
      assertArrayEquals(whole, tokenizer.encodeInPieces(text, Integer.MAX_VALUE, pieceChars), "pieces of " + pieceChars);
    }
    assertArrayEquals(java.util.Arrays.copyOf(whole, 300), tokenizer.encodeInPieces(text, 300, 1_000), "a prefix");
  }

  @Test
  void aTextOverThePieceSizeIsEncodedInPiecesAndAPrefixOnlyAsFarAsNeeded() {
    StringBuilder longer = new StringBuilder();
    while (longer.length() <= LmTokenizer.PIECE_CHARS * 2) {
      longer.append(mixedText());
    }
    String text = longer.toString();
    int[] whole = tokenizer.encode(text);
    assertArrayEquals(tokenizer.encodeInPieces(text, Integer.MAX_VALUE, 50_000), whole);
    List<int[]> prefixes = tokenizer.encodeBatch(List.of("short text", text), 64);
    assertArrayEquals(tokenizer.encode("short text"), prefixes.get(0));
    assertArrayEquals(java.util.Arrays.copyOf(whole, 64), prefixes.get(1));
    assertArrayEquals(whole, tokenizer.encodeBatch(List.of(text)).get(0));
  }

  @Test
  void aCutNeverFallsInsideASurrogatePair() {
    String emoji = "😀".repeat(5_000);
    for (int from = 0; from < emoji.length(); ) {
      int end = TextPieces.end(emoji, from, 1_001);
      assertTrue(end == emoji.length() || !Character.isLowSurrogate(emoji.charAt(end)), "cut at " + end);
      from = end;
    }
    assertEquals(emoji, tokenizer.decode(tokenizer.encodeInPieces(emoji, Integer.MAX_VALUE, 1_001)));
  }
}
