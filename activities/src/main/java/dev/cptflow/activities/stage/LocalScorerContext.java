package dev.cptflow.activities.stage;

import dev.cptflow.activities.metric.ScorerContext;
import java.nio.file.Path;
import java.util.List;

/** A {@link ScorerContext} for a command on one machine: models through its locations, task text and fit at hand. */
public record LocalScorerContext(ModelLocations models, List<String> taskTexts, Path fitted) implements ScorerContext {
  public LocalScorerContext {
    taskTexts = List.copyOf(taskTexts);
  }

  @Override
  public Path model(String uri) {
    return models.resolve(uri);
  }

  @Override
  public List<String> taskTexts() {
    if (taskTexts.isEmpty()) {
      throw new IllegalArgumentException("no task text to compare documents with (give --task)");
    }
    return taskTexts;
  }
}
