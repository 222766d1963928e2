package dev.cptflow.activities.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.cptflow.activities.cores.CoreBudget;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Greedy decoding for {@code generate_until} tasks. With the KV cache each step reads one new token; the
 * uncached path re-reads the whole sequence and exists to check the cache against.
 */
public final class Generator {
  private final GptNeoX model;

  public Generator(GptNeoX model) {
    this.model = model;
  }

  /** The model's window: positions one forward pass reads. */
  public int window() {
    return model.config().maxPositionEmbeddings();
  }

  /**
   * lm-evaluation-harness {@code generate_until}: greedy continuation of {@code context} until EOS, any of
   * {@code until}, or {@code maxNewTokens}; the text is cut before the first stop string. The text never holds
   * special tokens: a model that emits {@code <|padding|>} has it dropped, as HF's {@code skip_special_tokens}.
   */
  public String until(LmTokenizer tokenizer, String context, java.util.List<String> until, int maxNewTokens) {
    int[] prompt = context.isEmpty() ? new int[] {tokenizer.eosId()} : tokenizer.encode(context);
    int[] generated = greedy(prompt, maxNewTokens, tokenizer.eosId(), true,
        tokens -> until.stream().anyMatch(tokenizer.decodeGenerated(tokens)::contains));
    return cut(tokenizer.decodeGenerated(generated), until);
  }

  /** {@code text} cut before the first of the stop strings, as lm-evaluation-harness cuts a generation. */
  public static String cut(String text, java.util.List<String> until) {
    for (String stop : until) {
      int at = text.indexOf(stop);
      if (at >= 0) {
        text = text.substring(0, at);
      }
    }
    return text;
  }

  /**
   * @param stop looks at the tokens generated so far and says whether to stop (a stop string appeared)
   * @return the generated tokens, without the prompt; EOS ends generation and is not included
   */
  public int[] greedy(int[] prompt, int maxNewTokens, int eosId, boolean useCache, Predicate<int[]> stop) {
    int window = model.config().maxPositionEmbeddings();
    int keep = Math.max(1, window - maxNewTokens);
    int[] context = prompt.length > keep ? Arrays.copyOfRange(prompt, prompt.length - keep, prompt.length) : prompt;
    int[] sequence = Arrays.copyOf(context, context.length + maxNewTokens);
    int length = context.length;
    try (NDManager manager = model.manager().newSubManager();
        KvCache cache = useCache ? new KvCache(model.config().numHiddenLayers()) : null) {
      int[] fed = context;
      for (int step = 0; step < maxNewTokens; step++) {
        int next;
        try (CoreBudget.Hold cores = CoreBudget.process().hold(LmRuntime.threads());
            NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          int[] input = useCache ? fed : Arrays.copyOf(sequence, length);
          NDArray ids = model.tokens(manager, new long[][] {Arrays.stream(input).asLongStream().toArray()});
          NDArray hidden = model.hidden(ids, null, cache);
          NDArray last = hidden.get(":, -1:, :");
          next = (int) model.logits(last).argMax(-1).toLongArray()[0];
        }
        if (next == eosId) {
          break;
        }
        sequence[length++] = next;
        fed = new int[] {next};
        int[] generated = Arrays.copyOfRange(sequence, context.length, length);
        if (stop.test(generated)) {
          break;
        }
      }
    }
    return Arrays.copyOfRange(sequence, context.length, length);
  }
}
