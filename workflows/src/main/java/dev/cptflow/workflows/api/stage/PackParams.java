package dev.cptflow.workflows.api.stage;

/** Cuts a selection's documents from {@code source} into training blocks of {@code seqLen} tokens. */
public record PackParams(IngestSet source, int seqLen, long seed, String tokenizer) implements StageParams {
  public PackParams {
    if (source == IngestSet.GENERAL) {
      throw new IllegalArgumentException("packing reads the corpus or the task text, not the general set");
    }
    if (seqLen < 2) {
      throw new IllegalArgumentException("seq_len: must be at least 2, got " + seqLen);
    }
  }
}
