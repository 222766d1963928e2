package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tiny model really trained, on CPU in seconds, to answer every FPB-style prompt with " positive". */
final class AnswerModel {
  private AnswerModel() {}

  /** Trains it and writes it (HF layout) to {@code dir/model/final}; returns that directory. */
  static Path train(Path dir, String promptPrefix) throws Exception {
    Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(Files.createDirectories(dir.resolve("tok")), 512);
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      List<int[]> documents = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        documents.add(tokenizer.encode(promptPrefix + "Text: the company said item " + i + " went well\nAnswer: positive"
            + "\n\n" + promptPrefix + "Text: shares moved on news " + (i * 7) + "\nAnswer: positive"));
      }
      Packer.pack(documents.iterator(), 65, tokenizer.eosId(), tokenizer.sha256(), dir.resolve("blocks"));
      NeoXConfig config = new NeoXConfig(tokenizer.vocabSize(), 32, 2, 4, 64, 0.5, 10000, 1e-5, true, 256, 0, 0);
      TrainConfig train = new TrainConfig(150, 150, 8, 1, 1e-2, 0.1, 10, true, 0.0, 1.0, 1000, 1000, 3, 64);
      try (BlockFile blocks = BlockFile.open(dir.resolve("blocks"));
          GptNeoX model = GptNeoX.fromWeights(config, GptNeoX.randomWeights(config, 11)::get, ai.djl.Device.cpu())) {
        return new Trainer(model, blocks, train, dir.resolve("model"), tokenizerJson, Map.of(), tokenizer.eosId(),
            TrainListener.NONE).train(Optional.empty()).finalModel();
      }
    }
  }
}
