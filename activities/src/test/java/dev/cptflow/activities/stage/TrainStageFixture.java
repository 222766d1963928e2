package dev.cptflow.activities.stage;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PlanNode;
import dev.cptflow.workflows.api.Stage;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.PackOutput;
import dev.cptflow.workflows.api.stage.TrainParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What a train node reads, written into a local store: the tiny base model with a 300-token tokenizer, and a pack
 * node's blocks of random 16-token documents (17 tokens with their EOS: one block each).
 */
record TrainStageFixture(Path store, Path base, StageResult pack, StageResult ingest) {
  static TrainStageFixture write(Path dir, int documents) throws Exception {
    Path store = dir.resolve("store");
    Path base = dir.resolve("base");
    Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(Files.createDirectories(dir.resolve("tok")), 300);
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      NeoXConfig config = NeoXConfig.preset("tiny", tokenizer.vocabSize());
      ModelFiles.save(config, GptNeoX.randomWeights(config, 5), tokenizerJson, base);
      SplittableRandom random = new SplittableRandom(9);
      List<int[]> texts = new ArrayList<>();
      for (int d = 0; d < documents; d++) {
        int[] document = new int[16];
        for (int t = 0; t < document.length; t++) {
          document[t] = 1 + random.nextInt(tokenizer.vocabSize() - 1);
        }
        texts.add(document);
      }
      Packer.pack(texts.iterator(), 17, tokenizer.eosId(), tokenizer.sha256(), store.resolve("cas/pack/p1"));
    }
    StageResult pack = new StageResult("pack/v", "p1", "cas/pack/p1",
        new PackOutput("cas/pack/p1", documents, documents * 17L, documents, 0), new TreeMap<>(), false);
    StageResult ingest = new StageResult(NodeIds.ingest(IngestSet.CORPUS), "i1", "cas/ingest/i1",
        new IngestOutput("cas/ingest/i1", 0, 0, 0, 0, 0, 0, 0), new TreeMap<>(), false);
    return new TrainStageFixture(store, base, pack, ingest);
  }

  /** Node {@code train/v} with these params on {@code queue}, storing under {@code cas/train/<key>}. */
  NodeRequest request(TrainParams params, TaskQueues queue, String key) {
    String ingestId = NodeIds.ingest(IngestSet.CORPUS);
    PlanNode node = new PlanNode("train/v", Stage.TRAIN, "v", params, List.of("pack/v", ingestId), queue, key);
    return new NodeRequest("test", "file:" + store, node, new TreeMap<>(Map.of("pack/v", pack, ingestId, ingest)));
  }
}
