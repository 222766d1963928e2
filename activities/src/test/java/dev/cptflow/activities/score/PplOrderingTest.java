package dev.cptflow.activities.score;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.cptflow.activities.corpus.Document;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PplOrderingTest {
  static final String PHRASE = "the central bank raised interest rates to fight inflation";

  @TempDir Path dir;

  @Test
  void randomTokensHaveAHigherPerplexityThanAPhraseTheModelWasTrainedOn() throws Exception {
    Path tokenizerDir = Files.createDirectories(dir.resolve("tokenizer"));
    BuiltinCorpus.writeDefaultTokenizer(tokenizerDir, 400);
    LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir);
    NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
    Map<String, float[]> weights = GptNeoX.randomWeights(config, 5);
    GptNeoX model = GptNeoX.fromWeights(config, weights::get, Device.cpu());
    List<int[]> documents = new ArrayList<>(Collections.nCopies(64, tokenizer.encode(PHRASE)));
    Packer.pack(documents.iterator(), 32, tokenizer.eosId(), tokenizer.sha256(), dir.resolve("blocks"));
    try (BlockFile blocks = BlockFile.open(dir.resolve("blocks"))) {
      TrainConfig config80 = new TrainConfig(80, 80, 8, 1, 3e-3, 1.0, 5, false, 0, 1.0, 1000, 1000, 1, 64);
      new Trainer(model, blocks, config80, dir.resolve("train"), null, Map.of(), tokenizer.eosId(), TrainListener.NONE)
          .train(Optional.empty());
    }
    model.setTrainable(false);
    SplittableRandom random = new SplittableRandom(9);
    StringBuilder noise = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      noise.append((char) ('a' + random.nextInt(26))).append(random.nextInt(10)).append(' ');
    }
    try (PplScorer scorer = new PplScorer(model, tokenizer, 64, 4096)) {
      double[] perplexity = scorer.score(List.of(new Document("seen", PHRASE, 9, "t"), new Document("noise", noise.toString(), 80, "t")));
      assertTrue(perplexity[0] < 3.0, "trained phrase ppl " + perplexity[0]);
      assertTrue(perplexity[1] > 10 * perplexity[0], "noise ppl " + perplexity[1] + " vs " + perplexity[0]);
    }
  }
}
