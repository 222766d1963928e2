package dev.cptflow.activities.stage;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.metric.ScorerContext;
import dev.cptflow.activities.store.ArtifactStore;
import dev.cptflow.workflows.api.NodeIds;
import dev.cptflow.workflows.api.NodeRequest;
import dev.cptflow.workflows.api.stage.IngestOutput;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.ScoreOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A score node's {@link ScorerContext} on a worker: models through its locations, the task text and fit from the store. */
final class StoreScorerContext implements ScorerContext {
  private final StageContext context;
  private final ArtifactStore store;
  private final NodeRequest request;

  StoreScorerContext(StageContext context, ArtifactStore store, NodeRequest request) {
    this.context = context;
    this.store = store;
    this.request = request;
  }

  @Override
  public Path model(String uri) {
    return context.models().resolve(uri);
  }

  /** Every text of the ingested task data, the target of similarity metrics. */
  @Override
  public List<String> taskTexts() {
    IngestOutput tasks = request.optionalInput(NodeIds.ingest(IngestSet.TASKS), IngestOutput.class).orElseThrow(
        () -> new IllegalArgumentException(request.node().id() + ": the sweep has no task_data to compare documents with"));
    List<String> texts = new ArrayList<>();
    new IngestOutputs(store, context.artifacts(), tasks).forEach((Document document) -> texts.add(document.text()));
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("the task data has no text to compare documents with");
    }
    return texts;
  }

  @Override
  public Path fitted() {
    return context.artifacts().directory(store, fitPrefix(request));
  }

  static String fitPrefix(NodeRequest request) {
    return request.outputPrefix() + "/" + ScoreOutput.FIT;
  }
}
