package dev.cptflow.activities.lm.tokenizer;

import java.util.List;

/**
 * A learned byte-level BPE model, before special tokens are added.
 *
 * @param tokens byte-level token strings in id order: the 256 byte symbols, then merged tokens in the
 *     order they were learned
 * @param merges merge rules in priority order, each {@code "left right"} as HF's tokenizer.json spells
 *     them (byte-level symbols never contain a space, so the separator is unambiguous)
 */
public record BpeVocabulary(List<String> tokens, List<String> merges) {
  public BpeVocabulary {
    tokens = List.copyOf(tokens);
    merges = List.copyOf(merges);
  }
}
