package dev.cptflow.activities.demo;

import ai.djl.Device;
import dev.cptflow.activities.corpus.BadRecords;
import dev.cptflow.activities.corpus.InputFile;
import dev.cptflow.activities.corpus.JsonlReader;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.ByteLevelBpeTrainer;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.tokenizer.TokenizerJsonWriter;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.lm.train.TrainConfig;
import dev.cptflow.activities.lm.train.TrainListener;
import dev.cptflow.activities.lm.train.Trainer;
import dev.cptflow.activities.store.LocalFiles;
import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quickstart's base model: a {@code tiny} GPT-NeoX pre-trained from random weights on the demo set's general
 * documents, so that continual pre-training on the finance sub-domain has something to adapt. On CPU the run is
 * bit-reproducible, so every machine that builds it gets the same weights.
 */
public final class DemoBaseModel {
  public static final String DIR = "base-model";
  static final int VOCAB = 2048;
  static final int SEQ_LEN = 128;
  static final int STEPS = 300;

  private DemoBaseModel() {}

  private static List<String> texts(Path jsonl) {
    List<String> texts = new ArrayList<>();
    new JsonlReader("text", null).read(InputFile.local(jsonl), record -> texts.add(record.text()), new BadRecords(BadRecordPolicy.FAIL));
    return texts;
  }

  /** Pre-trains into {@code demoDir/base-model} (the demo data must be there); returns that directory. */
  public static Path build(Path demoDir, long seed) throws IOException {
    Path work = Files.createTempDirectory(demoDir, ".base-model-");
    try {
      List<String> texts = texts(demoDir.resolve("pretrain").resolve("general.jsonl"));
      // Like a real LM's tokenizer, it has seen text of every kind, finance included (the task text); trained on this
      // data its tokens are about twice as long as a generic one's, which halves every stage's work.
      List<String> tokenizerTexts = new ArrayList<>(texts);
      tokenizerTexts.addAll(texts(demoDir.resolve("tasks").resolve("fpb-unlabeled.jsonl")));
      Path tokenizerJson = TokenizerJsonWriter.write(
          ByteLevelBpeTrainer.train(List.of(String.join("\n", tokenizerTexts)), VOCAB - TokenizerJsonWriter.SPECIAL_TOKENS.size()),
          Files.createDirectories(work.resolve("tokenizer")));
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
        Packer.pack(tokenizer.encodeBatch(texts).iterator(), SEQ_LEN + 1, tokenizer.eosId(), tokenizer.sha256(),
            work.resolve("blocks"));
        NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
        TrainConfig train = new TrainConfig(STEPS, STEPS, 16, 1, 3e-3, 0.1, 0.05, true, 0.01, 1.0, STEPS, STEPS, seed, SEQ_LEN);
        Path trained;
        try (BlockFile blocks = BlockFile.open(work.resolve("blocks"));
            GptNeoX model = GptNeoX.fromWeights(config, GptNeoX.randomWeights(config, seed)::get, Device.cpu())) {
          trained = new Trainer(model, blocks, train, work.resolve("run"), tokenizerJson, Map.of(), tokenizer.eosId(),
              TrainListener.NONE).train(Optional.empty()).finalModel();
        }
        Path target = demoDir.resolve(DIR);
        Files.move(trained, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      }
    } finally {
      LocalFiles.deleteRecursively(work);
    }
  }
}
