package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.corpus.ShardReader;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.lm.train.BlockFile;
import dev.cptflow.activities.lm.train.Packer;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.PackActivities;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.Planner;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pack activity: streams the selected documents from the source shards (shard order, then file order),
 * tokenizes them with the base model's tokenizer and cuts them into blocks with the LM core's {@link Packer}.
 * The block order a run trains in is shuffled by the trainer's seed, so the document order here only has to be
 * stable. At most one shard's documents are held in memory.
 */
public class PackActivitiesImpl implements PackActivities {
  private static final int TOKENIZE_BATCH = 256;

  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;
  private final ModelLocations models;

  public PackActivitiesImpl(StoreRegistry stores, LocalArtifacts artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
    this.models = new ModelLocations(stores, artifacts);
  }

  @Override
  public StageResult pack(NodeRequest request) {
    Map<String, String> params = request.node().params();
    ArtifactStore store = stores.open(request.storeUri());
    String source = request.node().upstream().contains(Planner.INGEST_TASKS) ? Planner.INGEST_TASKS : Planner.INGEST_CORPUS;
    StageResult selected = request.upstreamResult("select/" + request.node().variant());
    IngestOutputs shards = new IngestOutputs(store, artifacts, request.upstreamResult(source));
    Set<String> ids = selected.counter("all", 0) == 1 ? null
        : SelectionFiles.readIds(artifacts.file(store, selected.artifacts().get("selection")));
    int seqLen = Integer.parseInt(params.get("seq_len"));
    try (ScratchDirectory scratch = artifacts.scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20);
        LmTokenizer tokenizer = StageFailures.validating(
            () -> LmTokenizer.load(models.resolve(params.get("tokenizer")).resolve(ModelFiles.TOKENIZER)))) {
      Path blocksDir = scratch.resolve("blocks");
      BlockFile.Metadata metadata = Packer.pack(new SelectedDocuments(shards, ids, tokenizer), seqLen, tokenizer.eosId(),
          tokenizer.sha256(), blocksDir);
      long expected = (long) selected.counter("docs", 0);
      if (metadata.documents() != expected) {
        throw new IllegalStateException(request.node().id() + ": the selection lists " + expected + " documents but "
            + metadata.documents() + " were found in the " + source + " shards");
      }
      String prefix = request.outputPrefix();
      store.put(prefix + "/" + BlockFile.TOKENS, blocksDir.resolve(BlockFile.TOKENS));
      store.put(prefix + "/" + BlockFile.METADATA, blocksDir.resolve(BlockFile.METADATA));
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("blocks", (double) metadata.blocks());
      counters.put("tokens", (double) metadata.tokens());
      counters.put("docs", (double) metadata.documents());
      counters.put("dropped_tokens", (double) metadata.droppedTokens());
      return new StageResult(request.node().id(), request.node().cacheKey(), prefix,
          new TreeMap<>(Map.of("blocks", prefix + "/" + BlockFile.TOKENS, "metadata", prefix + "/" + BlockFile.METADATA)),
          counters, false);
    } catch (IOException e) {
      throw new UncheckedIOException(request.node().id() + ": cannot pack: " + e.getMessage(), e);
    }
  }

  /** Token ids of the selected documents, one shard read and tokenized at a time. */
  private static final class SelectedDocuments implements Iterator<int[]> {
    private final IngestOutputs shards;
    private final Set<String> ids;
    private final LmTokenizer tokenizer;
    private final Deque<int[]> ready = new ArrayDeque<>();
    private int nextShard;

    SelectedDocuments(IngestOutputs shards, Set<String> ids, LmTokenizer tokenizer) {
      this.shards = shards;
      this.ids = ids;
      this.tokenizer = tokenizer;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && nextShard < shards.shardCount()) {
        List<String> texts = new ArrayList<>();
        try (ShardReader reader = ShardReader.open(shards.shard(nextShard++))) {
          while (reader.hasNext()) {
            Document document = reader.next();
            if (ids == null || ids.contains(document.id())) {
              texts.add(document.text());
            }
          }
        }
        for (int start = 0; start < texts.size(); start += TOKENIZE_BATCH) {
          ready.addAll(tokenizer.encodeBatch(texts.subList(start, Math.min(texts.size(), start + TOKENIZE_BATCH))));
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public int[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }
}
