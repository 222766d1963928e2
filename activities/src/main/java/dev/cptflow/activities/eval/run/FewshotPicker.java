package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.eval.data.EvalDoc;
import dev.cptflow.activities.eval.task.FewshotSampler;
import dev.cptflow.activities.eval.task.TaskConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses each item's few-shot examples. The draw for an item depends only on the seed, the task and the item's
 * position, so it is the same whatever else runs, in whatever order, with whatever {@code --limit}; and an item
 * is never among its own examples when it shares a split with them, nor is any example with the item's own text (a
 * duplicate sentence, or Headlines' other questions about the same headline).
 */
final class FewshotPicker {
  private final TaskConfig task;
  private final TaskData data;
  private final long seed;
  /** Few-shot pool per group value (all under one key when the task has no {@code group_by}). */
  private final Map<Object, List<Integer>> pools = new HashMap<>();
  /** Few-shot indices by their document's text, to keep an item's duplicates out of its examples. */
  private final Map<Object, Set<Integer>> byText = new HashMap<>();

  FewshotPicker(TaskConfig task, TaskData data, long seed) {
    this.task = task;
    this.data = data;
    this.seed = seed;
    for (int i = 0; i < data.fewshot().size(); i++) {
      pools.computeIfAbsent(groupOf(data.fewshot().get(i)), group -> new ArrayList<>()).add(i);
      byText.computeIfAbsent(textOf(data.fewshot().get(i)), text -> new HashSet<>()).add(i);
    }
  }

  /** Indices into the few-shot split; fewer than {@code shots} only when the pool is smaller. */
  List<Integer> pick(int item, int shots) {
    if (shots == 0) {
      return List.of();
    }
    List<Integer> pool = pools.getOrDefault(groupOf(data.test().get(item)), List.of());
    Set<Integer> excluded = new HashSet<>(byText.getOrDefault(textOf(data.test().get(item)), Set.of()));
    if (data.sharedSplit()) {
      excluded.add(item);
    }
    int available = (int) pool.stream().filter(index -> !excluded.contains(index)).count();
    int wanted = Math.min(shots, available);
    if (task.fewshotSampler() == FewshotSampler.FIRST_N) {
      return pool.stream().filter(index -> !excluded.contains(index)).limit(wanted).toList();
    }
    SplittableRandom random = new SplittableRandom(seed ^ (31L * task.name().hashCode()) ^ (0x9E3779B97F4A7C15L * (item + 1)));
    Set<Integer> chosen = new LinkedHashSet<>();
    if (wanted * 2 >= pool.size()) {
      // A small pool: shuffle it rather than redraw collisions.
      List<Integer> shuffled = new ArrayList<>(pool);
      shuffled.removeAll(excluded);
      for (int i = shuffled.size() - 1; i > 0; i--) {
        java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
      }
      return List.copyOf(shuffled.subList(0, wanted));
    }
    while (chosen.size() < wanted) {
      int index = pool.get(random.nextInt(pool.size()));
      if (!excluded.contains(index)) {
        chosen.add(index);
      }
    }
    return List.copyOf(chosen);
  }

  /** The document's {@code text} field, else all its fields: what makes two documents the same example. */
  private static Object textOf(EvalDoc doc) {
    Object text = doc.fields().get("text");
    return text != null ? text.toString() : doc.fields();
  }

  private Object groupOf(EvalDoc doc) {
    return task.fewshotGroup() == null ? "" : Objects.toString(doc.fields().get(task.fewshotGroup()));
  }
}
