package dev.cptflow.activities.lm.safetensors;

import java.nio.file.Path;

/** The file names of a Hugging Face checkpoint directory, shared by the writer and the reader. */
final class CheckpointFiles {
  static final String DEFAULT_BASE_NAME = "model";

  private CheckpointFiles() {}

  static Path single(Path dir, String baseName) {
    return dir.resolve(baseName + ".safetensors");
  }

  static Path index(Path dir, String baseName) {
    return dir.resolve(baseName + ".safetensors.index.json");
  }

  /** {@code model-00001-of-00003.safetensors}: 1-based, five digits, as transformers names shards. */
  static String shardName(String baseName, int shard, int shardCount) {
    return String.format("%s-%05d-of-%05d.safetensors", baseName, shard, shardCount);
  }
}
