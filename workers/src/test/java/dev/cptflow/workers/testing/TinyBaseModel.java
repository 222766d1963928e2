package dev.cptflow.workers.testing;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** A random-weight {@code tiny} GPT-NeoX with a 512-token BPE tokenizer, written in the HF layout for sweeps to use. */
public final class TinyBaseModel {
  private TinyBaseModel() {}

  /** Writes it to {@code dir/model} (the tokenizer's sources go to {@code dir/tok}); returns the model directory. */
  public static Path write(Path dir) throws Exception {
    Path model = dir.resolve("model");
    Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(Files.createDirectories(dir.resolve("tok")), 512);
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
      ModelFiles.save(config, GptNeoX.randomWeights(config, 1), tokenizerJson, model);
    }
    return model;
  }
}
