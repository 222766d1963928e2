package dev.cptflow.activities.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.cptflow.activities.cores.CoreBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntConsumer;

/**
 * Greedy decoding of many prompts at once, with the KV cache: prompts of similar length share a batch, left-padded
 * to the longest, padding masked out of attention; each step feeds one token per row, and a batch ends as soon as
 * every row has met EOS, a stop condition or {@code maxNewTokens}. On a small model a step costs the same for one
 * row as for sixteen (the per-operation overhead dominates), so this is where generation's speed comes from.
 *
 * <p>The result equals {@link Generator#greedy} on each prompt alone up to float rounding: left padding shifts a
 * row's rotary positions by a constant, and rotary attention scores depend only on the distance between positions.
 */
public final class BatchGenerator {
  private final GptNeoX model;
  private final int tokenBudget;

  /** @param tokenBudget padded prompt tokens per batch (at least one prompt per batch) */
  public BatchGenerator(GptNeoX model, int tokenBudget) {
    this.model = model;
    this.tokenBudget = tokenBudget;
  }

  /**
   * @param stop looks at a row's index and its generated tokens so far and says whether that row is done
   * @param finished hears how many prompts each finished batch held
   * @return the generated tokens of each prompt, in order, EOS left out
   */
  public List<int[]> greedy(List<int[]> prompts, int maxNewTokens, int eosId, BiPredicate<Integer, int[]> stop,
      IntConsumer finished) {
    int keep = Math.max(1, model.config().maxPositionEmbeddings() - maxNewTokens);
    List<int[]> contexts = new ArrayList<>(prompts.size());
    for (int[] prompt : prompts) {
      contexts.add(prompt.length > keep ? Arrays.copyOfRange(prompt, prompt.length - keep, prompt.length) : prompt);
    }
    Integer[] order = new Integer[contexts.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -contexts.get(i).length).thenComparingInt(i -> i));
    int[][] results = new int[contexts.size()][];
    for (int from = 0; from < order.length; ) {
      int longest = contexts.get(order[from]).length;
      int size = Math.max(1, Math.min(order.length - from, tokenBudget / Math.max(1, longest)));
      int[] rows = new int[size];
      for (int i = 0; i < size; i++) {
        rows[i] = order[from + i];
      }
      int[][] generated = batch(contexts, rows, longest, maxNewTokens, eosId, stop);
      for (int i = 0; i < size; i++) {
        results[rows[i]] = generated[i];
      }
      finished.accept(size);
      from += size;
    }
    return Arrays.asList(results);
  }

  private int[][] batch(List<int[]> contexts, int[] rows, int longest, int maxNewTokens, int eosId,
      BiPredicate<Integer, int[]> stop) {
    int size = rows.length;
    int total = longest + maxNewTokens;
    long[][] ids = new long[size][longest];
    long[][] mask = new long[size][total];
    for (int r = 0; r < size; r++) {
      int[] context = contexts.get(rows[r]);
      int pad = longest - context.length;
      for (int t = 0; t < context.length; t++) {
        ids[r][pad + t] = context[t];
        mask[r][pad + t] = 1;
      }
    }
    int[][] generated = new int[size][maxNewTokens];
    int[] lengths = new int[size];
    boolean[] done = new boolean[size];
    int open = size;
    try (NDManager manager = model.manager().newSubManager();
        KvCache cache = new KvCache(model.config().numHiddenLayers())) {
      long[][] feed = ids;
      for (int step = 0; step < maxNewTokens && open > 0; step++) {
        int keys = longest + step;
        long[][] stepMask = new long[size][];
        for (int r = 0; r < size; r++) {
          stepMask[r] = Arrays.copyOf(mask[r], keys);
        }
        long[] next;
        try (CoreBudget.Hold cores = CoreBudget.process().hold(LmRuntime.threads());
            NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray input = model.tokens(manager, feed);
          NDArray attention = model.tokens(manager, stepMask);
          NDArray hidden = model.hidden(input, attention, cache);
          next = model.logits(hidden.get(":, -1:, :")).argMax(-1).toLongArray();
        }
        feed = new long[size][1];
        for (int r = 0; r < size; r++) {
          // A finished row keeps a place in the batch; what it is fed is masked out of nothing it affects.
          feed[r][0] = done[r] ? 0 : next[r];
          mask[r][keys] = 1;
          if (done[r]) {
            continue;
          }
          if (next[r] == eosId) {
            done[r] = true;
            open--;
            continue;
          }
          generated[r][lengths[r]++] = (int) next[r];
          if (stop.test(rows[r], Arrays.copyOf(generated[r], lengths[r]))) {
            done[r] = true;
            open--;
          }
        }
      }
    }
    int[][] out = new int[size][];
    for (int r = 0; r < size; r++) {
      out[r] = Arrays.copyOf(generated[r], lengths[r]);
    }
    return out;
  }
}
