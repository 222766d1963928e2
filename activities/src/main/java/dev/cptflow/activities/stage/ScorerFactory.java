package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardFiles;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.score.Embedders;
import dev.cptflow.activities.score.EntScorer;
import dev.cptflow.activities.score.PplScorer;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.activities.score.SimScorer;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the scorer a score node asks for, from the node's params and its upstream results. */
public final class ScorerFactory {
  /** Padded tokens per perplexity forward pass. */
  private static final int PPL_TOKEN_BUDGET = 8192;

  private final ModelLocations models;
  private final LocalArtifacts artifacts;

  public ScorerFactory(ModelLocations models, LocalArtifacts artifacts) {
    this.models = models;
    this.artifacts = artifacts;
  }

  public Scorer create(NodeRequest request, ArtifactStore store, String metric) {
    Map<String, String> params = request.node().params();
    return switch (metric) {
      case "sim" -> new SimScorer(Embedders.open(params.get("embedder")), taskTexts(request, store));
      case "ppl" -> {
        Path proxy = models.resolve(params.get("proxy"));
        yield new PplScorer(ModelFiles.load(proxy, LmRuntime.defaultDevice()), LmTokenizer.load(proxy.resolve(ModelFiles.TOKENIZER)),
            Integer.parseInt(params.get("max_tokens")), PPL_TOKEN_BUDGET);
      }
      case "ent" -> new EntScorer();
      default -> throw new IllegalArgumentException("no scorer for metric '" + metric + "'");
    };
  }

  /** Every text of the ingested task data, the target of ETS-DACP's similarity. */
  private List<String> taskTexts(NodeRequest request, ArtifactStore store) {
    StageResult tasks = request.upstreamResult(Planner.INGEST_TASKS);
    int shards = (int) tasks.counter("shards", 0);
    List<String> texts = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      try (ShardReader reader = ShardReader.open(artifacts.file(store, tasks.outputPrefix() + "/" + ShardFiles.shard(shard)))) {
        reader.forEachRemaining((Document document) -> texts.add(document.text()));
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("the task data has no text to compare documents with");
    }
    return texts;
  }
}
