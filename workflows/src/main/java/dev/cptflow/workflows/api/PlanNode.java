package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.StageParams;
import java.util.List;

/**
 * One unit of work in a sweep: its stage, the variant it belongs to ({@code variant} is null for shared nodes and
 * the base model's), its typed params, the ids of the nodes it reads from, the queue its work is scheduled on, and
 * the content key its output is stored under.
 */
public record PlanNode(
    String id, Stage stage, String variant, StageParams params, List<String> upstream, TaskQueues queue, String cacheKey) {

  public PlanNode {
    upstream = upstream.stream().sorted().toList();
    if (!stage.paramsType().isInstance(params)) {
      throw new IllegalArgumentException(id + ": " + stage.key() + " takes " + stage.paramsType().getSimpleName());
    }
    if (!stage.queues().contains(queue)) {
      throw new IllegalArgumentException(id + ": " + stage.key() + " does not run on " + queue.shortName());
    }
  }

  /** The params as the stage's own record; a node of another stage is a programming error. */
  public <P extends StageParams> P params(Class<P> type) {
    if (!type.isInstance(params)) {
      throw new IllegalStateException(id + " holds " + params.getClass().getSimpleName() + ", not " + type.getSimpleName());
    }
    return type.cast(params);
  }

  /** The first 8 hex digits of the cache key, enough to tell nodes apart on screen. */
  public String shortKey() {
    return cacheKey.substring(0, 8);
  }
}
