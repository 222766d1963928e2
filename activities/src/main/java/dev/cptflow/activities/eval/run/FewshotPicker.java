package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.task.FewshotSampler;
import dev.cptflow.activities.eval.task.TaskConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses each item's few-shot examples. The draw for an item depends only on the seed, the task and the item's
 * position, so it is the same whatever else runs, in whatever order, with whatever {@code --limit}; and an item
 * is never among its own examples when it shares a split with them.
 */
final class FewshotPicker {
  private final TaskConfig task;
  private final TaskData data;
  private final long seed;
  /** Few-shot pool per group value (all under one key when the task has no {@code group_by}). */
  private final Map<Object, List<Integer>> pools = new HashMap<>();

  FewshotPicker(TaskConfig task, TaskData data, long seed) {
    this.task = task;
    this.data = data;
    this.seed = seed;
    for (int i = 0; i < data.fewshot().size(); i++) {
      pools.computeIfAbsent(groupOf(data.fewshot().get(i)), group -> new ArrayList<>()).add(i);
    }
  }

  /** Indices into the few-shot split; fewer than {@code shots} only when the pool is smaller. */
  List<Integer> pick(int item, int shots) {
    if (shots == 0) {
      return List.of();
    }
    List<Integer> pool = pools.getOrDefault(groupOf(data.test().get(item)), List.of());
    int self = data.sharedSplit() ? item : -1;
    int available = pool.size() - (pool.contains(self) ? 1 : 0);
    int wanted = Math.min(shots, available);
    if (task.fewshotSampler() == FewshotSampler.FIRST_N) {
      return pool.stream().filter(index -> index != self).limit(wanted).toList();
    }
    SplittableRandom random = new SplittableRandom(seed ^ (31L * task.name().hashCode()) ^ (0x9E3779B97F4A7C15L * (item + 1)));
    Set<Integer> chosen = new LinkedHashSet<>();
    if (wanted * 2 >= pool.size()) {
      // A small pool: shuffle it rather than redraw collisions.
      List<Integer> shuffled = new ArrayList<>(pool);
      shuffled.remove(Integer.valueOf(self));
      for (int i = shuffled.size() - 1; i > 0; i--) {
        java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
      }
      return List.copyOf(shuffled.subList(0, wanted));
    }
    while (chosen.size() < wanted) {
      int index = pool.get(random.nextInt(pool.size()));
      if (index != self) {
        chosen.add(index);
      }
    }
    return List.copyOf(chosen);
  }

  private Object groupOf(EvalDoc doc) {
    return task.fewshotGroup() == null ? "" : Objects.toString(doc.fields().get(task.fewshotGroup()));
  }
}
