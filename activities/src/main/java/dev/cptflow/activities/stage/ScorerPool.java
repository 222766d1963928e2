package dev.cptflow.activities.stage;

import dev.cptflow.activities.score.Scorer;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Scorers are expensive to build (a model load) and not thread-safe (OpenNLP, ONNX sessions per
 * batch), so a worker keeps idle ones per score node and lends each to one activity at a time.
 */
public final class ScorerPool implements AutoCloseable {
  private final Map<String, Deque<Scorer>> idle = new ConcurrentHashMap<>();

  /** A scorer for {@code nodeKey}: an idle one, or a new one from {@code factory}. */
  public Scorer borrow(String nodeKey, Supplier<Scorer> factory) {
    Scorer scorer = idle.computeIfAbsent(nodeKey, key -> new ConcurrentLinkedDeque<>()).pollFirst();
    return scorer != null ? scorer : factory.get();
  }

  public void giveBack(String nodeKey, Scorer scorer) {
    idle.computeIfAbsent(nodeKey, key -> new ConcurrentLinkedDeque<>()).addFirst(scorer);
  }

  @Override
  public void close() {
    idle.values().forEach(scorers -> scorers.forEach(Scorer::close));
    idle.clear();
  }
}
