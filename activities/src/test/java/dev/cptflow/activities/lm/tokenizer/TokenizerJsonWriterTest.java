package dev.cptflow.activities.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerJsonWriterTest {
  @Test
  void writesGptNeoxLayoutWithSpecialTokensFirstThenBytesThenMerges() throws Exception {
    List<String> tokens = new ArrayList<>(ByteLevelAlphabet.symbolsInCodePointOrder());
    tokens.add("Ġt");
    BpeVocabulary vocabulary = new BpeVocabulary(tokens, List.of("Ġ t"));

    JsonNode json = new ObjectMapper().readTree(TokenizerJsonWriter.toJson(vocabulary));

    assertEquals("1.0", json.path("version").asText());
    assertEquals("<|endoftext|>", json.path("added_tokens").get(0).path("content").asText());
    assertEquals(1, json.path("added_tokens").get(1).path("id").asInt());
    assertEquals("NFC", json.path("normalizer").path("type").asText());
    assertEquals(false, json.path("pre_tokenizer").path("add_prefix_space").asBoolean(true));
    assertEquals("ByteLevel", json.path("decoder").path("type").asText());
    JsonNode vocab = json.path("model").path("vocab");
    assertEquals(List.of("<|endoftext|>", "<|padding|>", "!"), first(vocab, 3));
    assertEquals(2 + 256, vocab.path("Ġt").asInt());
    assertEquals(259, vocab.size());
    assertEquals("Ġ t", json.path("model").path("merges").get(0).asText());
  }

  private static List<String> first(JsonNode object, int n) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names.subList(0, n);
  }
}
