package dev.cptflow.activities.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tokenizer.json written by hand in GPT-NeoX's format, with ids worked out on paper. */
class HandWrittenTokenizerJsonTest {
  private static final String TOKENIZER_JSON =
      """
      {
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [
          {"id": 0, "content": "<|endoftext|>", "single_word": false, "lstrip": false,
           "rstrip": false, "normalized": false, "special": true}
        ],
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
                          "use_regex": true},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false,
                           "use_regex": true},
        "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true,
                    "use_regex": true},
        "model": {
          "type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
          "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
          "vocab": {"<|endoftext|>": 0, "h": 1, "e": 2, "l": 3, "o": 4, "Ġ": 5, "w": 6, "r": 7,
                    "d": 8, "he": 9, "ll": 10, "Ġw": 11},
          "merges": ["h e", "l l", "Ġ w"]
        }
      }
      """;

  @Test
  void encodesToTheIdsWorkedOutByHand(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER_JSON);
    try (LmTokenizer tokenizer = LmTokenizer.load(dir)) {
      // "hello" -> h e l l o -> (h e) (l l) o; " world" -> Ġ w o r l d -> (Ġ w) o r l d
      assertArrayEquals(new int[] {9, 10, 4, 11, 4, 7, 3, 8}, tokenizer.encode("hello world"));
      assertEquals("hello world", tokenizer.decode(new int[] {9, 10, 4, 11, 4, 7, 3, 8}));
      assertEquals(0, tokenizer.eosId());
      assertEquals(0, tokenizer.padId(), "no <|padding|>: padding falls back to EOS");
      assertEquals(12, tokenizer.vocabSize());
    }
  }

  @Test
  void aTokenizerWithoutEndOfTextSaysSoWhenAskedForEos(@TempDir Path dir) throws Exception {
    String withoutEos =
        TOKENIZER_JSON
            .replace("\"<|endoftext|>\": 0,", "\"x\": 0,")
            .replaceAll("(?s)\"added_tokens\": \\[.*?],", "\"added_tokens\": [],");
    Files.writeString(dir.resolve("tokenizer.json"), withoutEos);
    try (LmTokenizer tokenizer = LmTokenizer.load(dir)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, tokenizer::eosId);
      assertTrue(e.getMessage().contains("<|endoftext|>"), e.getMessage());
    }
  }
}
