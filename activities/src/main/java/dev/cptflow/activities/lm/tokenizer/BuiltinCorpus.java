package dev.cptflow.activities.lm.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The default tokenizer for {@code cpt model init}: byte-level BPE trained on a small English,
 * finance-flavoured text shipped in the jar. The text is fixed bytes (generated once from word lists
 * with a seeded RNG, no third-party text), so the default tokenizer is the same on every machine.
 */
public final class BuiltinCorpus {
  private static final String RESOURCE = "builtin-corpus.txt";

  private BuiltinCorpus() {}

  /** The corpus text (about 150 KB). */
  public static String text() {
    try (InputStream in = BuiltinCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Trains on the corpus and writes {@code dir/tokenizer.json}; returns that file.
   *
   * @param vocabSize total ids, special tokens included; fewer result if the corpus runs out of pairs
   */
  public static Path writeDefaultTokenizer(Path dir, int vocabSize) {
    int bpeTokens = vocabSize - TokenizerJsonWriter.SPECIAL_TOKENS.size();
    BpeVocabulary vocabulary = ByteLevelBpeTrainer.train(List.of(text()), bpeTokens);
    return TokenizerJsonWriter.write(vocabulary, dir);
  }
}
