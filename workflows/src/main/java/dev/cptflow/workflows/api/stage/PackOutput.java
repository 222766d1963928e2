package dev.cptflow.workflows.api.stage;

/**
 * Training blocks: {@code blocks.int32} (little-endian int32 tokens, {@code blocks × seq_len}) and {@code blocks.json}
 * (its metadata, with the tokenizer's sha256); docs/architecture.md describes the format both trainers read.
 */
public record PackOutput(String prefix, long blocks, long tokens, long docs, long droppedTokens) implements StageOutput {
  public static final String TOKENS = "blocks.int32";
  public static final String METADATA = "blocks.json";

  public String blocksKey() {
    return prefix + "/" + TOKENS;
  }

  public String metadataKey() {
    return prefix + "/" + METADATA;
  }
}
