package dev.cptflow.activities.stage;

import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.PackOutput;
import dev.cptflow.workflows.api.stage.PackParams;
import dev.cptflow.workflows.api.stage.SelectionResult;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pack activity: streams the selected documents from the source shards with {@link PackRun}, tokenized by the
 * base model's tokenizer, and stores the blocks. A selection of everything needs no id lookups.
 */
public class PackActivitiesImpl implements PackActivities {
  private final StageContext context;

  public PackActivitiesImpl(StageContext context) {
    this.context = context;
  }

  @Override
  public StageResult pack(NodeRequest request) {
    PackParams params = request.params(PackParams.class);
    ArtifactStore store = context.stores().open(request.storeUri());
    String sourceId = NodeIds.ingest(params.source());
    SelectionResult selected = request.input(NodeIds.select(request.node().variant()), SelectionResult.class);
    IngestOutputs shards = new IngestOutputs(store, context.artifacts(), request.input(sourceId, IngestOutput.class));
    Set<String> ids = selected.everything() ? null
        : SelectionFiles.readIds(context.artifacts().file(store, selected.selectionKey()));
    try (ScratchDirectory scratch = context.artifacts().scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20);
        LmTokenizer tokenizer = StageFailures.validating(
            () -> LmTokenizer.load(context.models().resolve(params.tokenizer()).resolve(ModelFiles.TOKENIZER)))) {
      Path blocksDir = scratch.resolve("blocks");
      List<Path> shardFiles = new ArrayList<>();
      for (int i = 0; i < shards.shardCount(); i++) {
        shardFiles.add(shards.shard(i));
      }
      BlockFile.Metadata metadata = PackRun.pack(shardFiles, ids, tokenizer, params.seqLen(), blocksDir);
      if (metadata.documents() != selected.docs()) {
        throw new IllegalStateException(request.node().id() + ": the selection lists " + selected.docs() + " documents but "
            + metadata.documents() + " were found in the " + sourceId + " shards");
      }
      PackOutput output = new PackOutput(request.outputPrefix(), metadata.blocks(), metadata.tokens(), metadata.documents(),
          metadata.droppedTokens());
      store.put(output.blocksKey(), blocksDir.resolve(PackOutput.TOKENS));
      store.put(output.metadataKey(), blocksDir.resolve(PackOutput.METADATA));
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("blocks", (double) output.blocks());
      counters.put("tokens", (double) output.tokens());
      counters.put("docs", (double) output.docs());
      counters.put("dropped_tokens", (double) output.droppedTokens());
      return request.result(output, counters);
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": cannot pack: " + e.getMessage(), e);
    }
  }
}
