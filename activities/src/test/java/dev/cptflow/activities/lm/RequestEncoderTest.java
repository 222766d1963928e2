package dev.cptflow.activities.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestEncoderTest {
  @TempDir Path dir;

  @Test
  void trailingContextSpaceMovesToTheContinuationAndTheSplitIsOnTokens() throws Exception {
    try (LmTokenizer tokenizer = LmTokenizer.load(BuiltinCorpus.writeDefaultTokenizer(dir, 512))) {
      RequestEncoder encoder = new RequestEncoder(tokenizer);
      TokenPair spaced = encoder.encode("Sentiment: ", "positive");
      TokenPair plain = encoder.encode("Sentiment:", " positive");
      assertArrayEquals(plain.context(), spaced.context());
      assertArrayEquals(plain.continuation(), spaced.continuation());
      assertArrayEquals(tokenizer.encode("Sentiment:"), spaced.context());
      assertEquals(" positive", tokenizer.decode(spaced.continuation()));

      TokenPair empty = encoder.encode("", "hello");
      assertArrayEquals(new int[] {tokenizer.eosId()}, empty.context());
      assertArrayEquals(tokenizer.encode("hello"), empty.continuation());
    }
  }

  @Test
  void generateUntilCutsTheTextBeforeTheFirstStopString() throws Exception {
    try (LmTokenizer tokenizer = LmTokenizer.load(BuiltinCorpus.writeDefaultTokenizer(dir, 300))) {
      NeoXConfig config = TinyModels.config(tokenizer.vocabSize(), 2, true);
      try (GptNeoX model = TinyModels.model(config, 17, 0.5)) {
        Generator generator = new Generator(model);
        String free = generator.until(tokenizer, "The bank", List.of(), 16);
        assertTrue(free.length() > 2, free);
        String stop = free.substring(1, 2);
        String cut = generator.until(tokenizer, "The bank", List.of(stop), 16);
        assertEquals(free.substring(0, free.indexOf(stop)), cut);
      }
    }
  }
}
