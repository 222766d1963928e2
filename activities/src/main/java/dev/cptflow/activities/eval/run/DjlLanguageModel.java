package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.lm.BatchGenerator;
import dev.cptflow.activities.lm.Generator;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.LogLikelihood;
import dev.cptflow.activities.lm.RequestEncoder;
import dev.cptflow.activities.lm.TokenPair;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The harness's model: the LM core's scorer and generator behind one tokenizer. Requests are encoded the
 * lm-eval way ({@link RequestEncoder}), sorted longest first and handed to the scorer a chunk at a time, so
 * progress is reported between chunks while the scorer still fills each forward pass with similar lengths.
 */
public final class DjlLanguageModel implements LanguageModel {
  /** Pairs per scorer call: many batches' worth, so chunking costs no padding, small enough for steady progress. */
  static final int CHUNK = 256;

  private final LmScorer scorer;
  private final Generator generator;
  private final BatchGenerator batchGenerator;
  private final LmTokenizer tokenizer;
  private final RequestEncoder encoder;

  /** @param tokenBudget padded tokens per forward pass */
  public DjlLanguageModel(GptNeoX model, LmTokenizer tokenizer, int tokenBudget, int maxBatch) {
    this.scorer = new LmScorer(model, tokenBudget, maxBatch);
    this.generator = new Generator(model);
    this.batchGenerator = new BatchGenerator(model, tokenBudget);
    this.tokenizer = tokenizer;
    this.encoder = new RequestEncoder(tokenizer);
  }

  @Override
  public List<LogLikelihood> loglikelihood(List<TextPair> pairs, IntConsumer scored) {
    TokenPair[] encoded = new TokenPair[pairs.size()];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = encoder.encode(pairs.get(i).context(), pairs.get(i).continuation());
    }
    Integer[] order = new Integer[encoded.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> -length(encoded[i])).thenComparingInt(i -> i));
    LogLikelihood[] results = new LogLikelihood[encoded.length];
    for (int from = 0; from < order.length; from += CHUNK) {
      int to = Math.min(order.length, from + CHUNK);
      List<TokenPair> chunk = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        chunk.add(encoded[order[i]]);
      }
      List<LogLikelihood> chunkResults = scorer.loglikelihood(chunk);
      for (int i = from; i < to; i++) {
        results[order[i]] = chunkResults.get(i - from);
      }
      scored.accept(to - from);
    }
    return List.of(results);
  }

  @Override
  public String generateUntil(String context, List<String> until, int maxNewTokens) {
    return generator.until(tokenizer, context, until, maxNewTokens);
  }

  @Override
  public List<String> generateUntil(List<String> contexts, List<String> until, int maxNewTokens, IntConsumer generated) {
    List<int[]> prompts = new ArrayList<>(contexts.size());
    for (String context : contexts) {
      prompts.add(context.isEmpty() ? new int[] {tokenizer.eosId()} : tokenizer.encode(context));
    }
    List<int[]> tokens = batchGenerator.greedy(prompts, maxNewTokens, tokenizer.eosId(),
        (row, ids) -> until.stream().anyMatch(tokenizer.decodeGenerated(ids)::contains), generated);
    List<String> texts = new ArrayList<>(tokens.size());
    for (int[] ids : tokens) {
      texts.add(Generator.cut(tokenizer.decodeGenerated(ids), until));
    }
    return texts;
  }

  @Override
  public int window() {
    return generator.window();
  }

  @Override
  public int tokenCount(String text) {
    return tokenizer.encode(text).length;
  }

  private static int length(TokenPair pair) {
    return pair.context().length + pair.continuation().length;
  }
}
