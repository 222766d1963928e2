package dev.cptflow.activities.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.store.ArtifactStore;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Score parts as small JSON-lines objects under {@code <prefix>/from-<offset>.jsonl} in an artifact
 * store, so any worker can resume a shard another worker started. Doubles survive JSON exactly.
 */
public final class StoreScoreParts implements ScoreParts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArtifactStore store;
  private final String prefix;

  public StoreScoreParts(ArtifactStore store, String prefix) {
    this.store = store;
    this.prefix = prefix;
  }

  @Override
  public List<ScoreRow> load() {
    List<ScoreRow> rows = new ArrayList<>();
    for (String key : store.list(prefix)) {
      long from = offsetOf(key);
      if (from != rows.size()) {
        break; // a gap can only follow a part written by an attempt that was overtaken; ignore the rest
      }
      for (String line : store.readString(key).split("\n")) {
        if (!line.isEmpty()) {
          rows.add(parse(line));
        }
      }
    }
    return rows;
  }

  @Override
  public void append(long fromOffset, List<ScoreRow> rows) {
    StringBuilder text = new StringBuilder();
    try {
      for (ScoreRow row : rows) {
        text.append(JSON.writeValueAsString(row)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    store.putString(prefix + "/" + String.format("from-%09d.jsonl", fromOffset), text.toString());
  }

  @Override
  public void clear() {
    if (!store.list(prefix).isEmpty()) {
      store.deletePrefix(prefix);
    }
  }

  private static long offsetOf(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return Long.parseLong(name.substring("from-".length(), name.length() - ".jsonl".length()));
  }

  private static ScoreRow parse(String line) {
    try {
      return JSON.readValue(line, ScoreRow.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("corrupt score part line: " + line, e);
    }
  }
}
