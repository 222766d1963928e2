package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.IngestSummary;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.IngestActivities;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestParams;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The ingest activity: runs an ingest node's {@link IngestParams} through {@link IngestRun} in a local work
 * directory, then uploads the shards, the held-out split and the summary under the node's prefix.
 */
public class IngestActivitiesImpl implements IngestActivities {
  private final StageContext context;

  public IngestActivitiesImpl(StageContext context) {
    this.context = context;
  }

  @Override
  public StageResult ingest(NodeRequest request) {
    IngestParams params = request.params(IngestParams.class);
    try (ScratchDirectory scratch = context.artifacts().scratch();
        Heartbeats heartbeats = new Heartbeats(Activity.getExecutionContext(), 20)) {
      Path work = scratch.path();
      IngestSummary summary = StageFailures.validating(() -> IngestRun.run(context, params, work));
      ArtifactStore store = context.stores().open(request.storeUri());
      upload(work, store, request.outputPrefix());
      IngestOutput output = IngestRun.output(request.outputPrefix(), summary);
      SortedMap<String, Double> counters = new TreeMap<>();
      counters.put("shards", (double) output.shards());
      counters.put("docs", (double) output.docs());
      counters.put("tokens", (double) output.tokens());
      counters.put("heldout_docs", (double) output.heldoutDocs());
      counters.put("heldout_tokens", (double) output.heldoutTokens());
      counters.put("duplicates", (double) output.duplicates());
      counters.put("skipped", (double) output.skipped());
      return request.result(output, counters);
    }
  }

  /** Puts every file of the work directory under the prefix. */
  private static void upload(Path work, ArtifactStore store, String prefix) {
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
  }
}
