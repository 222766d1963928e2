package dev.cptflow.activities.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.corpus.BadRecordPolicy;
import dev.cptflow.activities.corpus.IngestParams;
import dev.cptflow.activities.corpus.IngestSource;
import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.corpus.Ingestor;
import dev.cptflow.activities.corpus.ShardFiles;
import dev.cptflow.activities.corpus.SourceFormat;
import dev.cptflow.activities.corpus.SourceResolver;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.activities.store.StoreRegistry;
import dev.cptflow.workflows.api.IngestActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.plan.Planner;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The ingest activity: turns an ingest node's params into an {@link Ingestor} run in a local work
 * directory, then uploads the shards, the held-out split and the summary under the node's prefix.
 * The task text and the general held-out set are ingested the same way, unsplit.
 */
public class IngestActivitiesImpl implements IngestActivities {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Task text and general text are small: one shard, nothing held out. */
  private static final int SIDE_SET_SHARD_DOCS = 1_000_000;

  private final StoreRegistry stores;
  private final LocalArtifacts artifacts;
  private final ModelLocations models;

  public IngestActivitiesImpl(StoreRegistry stores, LocalArtifacts artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
    this.models = new ModelLocations(stores, artifacts);
  }

  @Override
  public StageResult ingest(NodeRequest request) {
    Map<String, String> params = request.node().params();
    try (ScratchDirectory scratch = artifacts.scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      Path work = scratch.path();
      IngestSummary summary = StageFailures.validating(() -> {
        Path tokenizerDir = models.resolve(params.get("tokenizer"));
        try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerDir.resolve(ModelFiles.TOKENIZER))) {
          return new Ingestor(new SourceResolver(stores::open), tokenizer).ingest(ingestParams(request, work));
        }
      });
      ArtifactStore store = stores.open(request.storeUri());
      SortedMap<String, String> outputs = upload(work, store, request.outputPrefix());
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("shards", (double) summary.shards());
      counters.put("docs", (double) summary.docsWritten());
      counters.put("tokens", (double) summary.tokens());
      counters.put("heldout_docs", (double) summary.heldoutDocs());
      counters.put("heldout_tokens", (double) summary.heldoutTokens());
      counters.put("duplicates", (double) summary.duplicates());
      counters.put("skipped", (double) summary.skipped().total());
      if (params.containsKey("max_docs")) {
        counters.put("max_docs", Double.parseDouble(params.get("max_docs")));
      }
      return new StageResult(request.node().id(), request.node().cacheKey(), request.outputPrefix(), outputs, counters, false);
    }
  }

  private static IngestParams ingestParams(NodeRequest request, Path work) {
    Map<String, String> params = request.node().params();
    String nodeId = request.node().id();
    if (Planner.INGEST_CORPUS.equals(nodeId)) {
      return new IngestParams(sources(params.get("sources")), Integer.parseInt(params.get("shard_docs")),
          BadRecordPolicy.valueOf(params.get("on_bad_record").toUpperCase(java.util.Locale.ROOT)),
          Boolean.parseBoolean(params.get("dedup")), Double.parseDouble(params.get("heldout_fraction")),
          Long.parseLong(params.get("seed")), work);
    }
    List<IngestSource> sources = Planner.INGEST_TASKS.equals(nodeId)
        ? sources(params.get("tasks"))
        : List.of(new IngestSource(params.get("uri"), params.get("text_field"), SourceFormat.AUTO));
    return new IngestParams(sources, SIDE_SET_SHARD_DOCS, BadRecordPolicy.SKIP, true, 0.0, 0, work);
  }

  /** The planner's canonical JSON list of {uri, text_field, format}. */
  private static List<IngestSource> sources(String json) {
    try {
      List<IngestSource> sources = new ArrayList<>();
      for (JsonNode source : JSON.readTree(json)) {
        sources.add(new IngestSource(source.get("uri").asText(), source.get("text_field").asText(),
            SourceFormat.parse(source.path("format").asText("auto"))));
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException("malformed sources param: " + json, e);
    }
  }

  /** Puts every file of the work directory under the prefix; returns the named outputs. */
  private static SortedMap<String, String> upload(Path work, ArtifactStore store, String prefix) {
    SortedMap<String, String> outputs = new TreeMap<>();
    try (Stream<Path> files = Files.list(work)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        store.put(prefix + "/" + name, file);
        Activity.getExecutionContext().heartbeat(null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload ingest output: " + e.getMessage(), e);
    }
    outputs.put("summary", prefix + "/" + ShardFiles.SUMMARY);
    outputs.put("heldout", prefix + "/" + ShardFiles.HELDOUT);
    return outputs;
  }
}
