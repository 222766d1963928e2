package dev.cptflow.activities.score;

import dev.cptflow.activities.corpus.Document;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.util.List;

/**
 * ETA-DACP's novelty metric: {@code ppl(d) = exp(mean token NLL)} over the first {@code maxTokens} tokens under
 * the proxy model (see docs/architecture.md, 'Corpus and metrics'), each document read after an EOS. Higher is
 * more novel. Tokens are counted by the proxy's own tokenizer here, which may differ from the base model's.
 */
public final class PplScorer implements Scorer {
  private final GptNeoX proxy;
  private final LmTokenizer tokenizer;
  private final LmScorer scorer;
  private final int maxTokens;

  /** Takes ownership of the model and tokenizer. */
  public PplScorer(GptNeoX proxy, LmTokenizer tokenizer, int maxTokens, int tokenBudget) {
    this.proxy = proxy;
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.scorer = new LmScorer(proxy, tokenBudget, 64);
  }

  @Override
  public int threads() {
    return LmRuntime.threads();
  }

  @Override
  public int batchSize() {
    return 32;
  }

  @Override
  public double[] score(List<Document> batch) {
    // Only the tokens scored are encoded: a long document costs its first pieces, not its whole length.
    List<int[]> tokens = tokenizer.encodeBatch(batch.stream().map(Document::text).toList(), maxTokens);
    double[] meanNll = scorer.meanNll(tokens, maxTokens, tokenizer.eosId());
    double[] perplexity = new double[meanNll.length];
    for (int i = 0; i < meanNll.length; i++) {
      perplexity[i] = LmScorer.perplexity(meanNll[i]);
    }
    return perplexity;
  }

  @Override
  public void close() {
    proxy.close();
    tokenizer.close();
  }
}
