package dev.cptflow.activities.lm.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BpeVocabulary} as an HF {@code tokenizer.json} shaped like GPT-NeoX's (Pythia's),
 * so that our generated tokenizer and a real Pythia one go through the very same loading and
 * encoding path. Ids: the special tokens first, then the byte symbols, then merged tokens.
 */
public final class TokenizerJsonWriter {
  /** GPT-NeoX's special tokens, in id order: EOS (also BOS and UNK) and padding. */
  public static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|padding|>");

  // Laid out like HF's own files ("key": value); insertion-ordered maps and a fixed "\n" line
  // break make the bytes identical on every platform.
  private static final ObjectWriter JSON =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private TokenizerJsonWriter() {}

  /** Writes {@code tokenizer.json} into {@code dir} (created if needed); returns the file. */
  public static Path write(BpeVocabulary vocabulary, Path dir) {
    Path file = dir.resolve("tokenizer.json");
    try {
      Files.createDirectories(dir);
      Files.write(file, toJson(vocabulary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** The UTF-8 bytes of the tokenizer.json. */
  public static byte[] toJson(BpeVocabulary vocabulary) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", "1.0");
    root.put("truncation", null);
    root.put("padding", null);
    root.put("added_tokens", addedTokens());
    root.put("normalizer", Map.of("type", "NFC"));
    root.put("pre_tokenizer", byteLevel(true));
    root.put("post_processor", byteLevel(false));
    root.put("decoder", byteLevel(true));
    root.put("model", model(vocabulary));
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> addedTokens() {
    List<Map<String, Object>> added = new ArrayList<>();
    for (int id = 0; id < SPECIAL_TOKENS.size(); id++) {
      Map<String, Object> token = new LinkedHashMap<>();
      token.put("id", id);
      token.put("content", SPECIAL_TOKENS.get(id));
      token.put("single_word", false);
      token.put("lstrip", false);
      token.put("rstrip", false);
      token.put("normalized", false);
      token.put("special", true);
      added.add(token);
    }
    return added;
  }

  private static Map<String, Object> byteLevel(boolean trimOffsets) {
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("type", "ByteLevel");
    component.put("add_prefix_space", false);
    component.put("trim_offsets", trimOffsets);
    component.put("use_regex", true);
    return component;
  }

  private static Map<String, Object> model(BpeVocabulary vocabulary) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String special : SPECIAL_TOKENS) {
      vocab.put(special, vocab.size());
    }
    for (String token : vocabulary.tokens()) {
      if (vocab.putIfAbsent(token, vocab.size()) != null) {
        throw new IllegalArgumentException("token " + token + " occurs twice in the vocabulary");
      }
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("type", "BPE");
    model.put("dropout", null);
    model.put("unk_token", null);
    model.put("continuing_subword_prefix", null);
    model.put("end_of_word_suffix", null);
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("vocab", vocab);
    model.put("merges", vocabulary.merges());
    return model;
  }
}
