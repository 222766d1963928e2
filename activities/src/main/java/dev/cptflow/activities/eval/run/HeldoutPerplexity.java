package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.util.ArrayList;
import java.util.List;

/** Perplexity of a model on named held-out text sets (the domain split, the general corpus, any file). */
public final class HeldoutPerplexity {
  private final LmScorer scorer;
  private final LmTokenizer tokenizer;
  private final int maxTokens;

  /** @param maxTokens tokens read per document: the training sequence length */
  public HeldoutPerplexity(LmScorer scorer, LmTokenizer tokenizer, int maxTokens) {
    this.scorer = scorer;
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
  }

  public PerplexityOutcome measure(String set, List<String> texts) {
    List<int[]> documents = new ArrayList<>(texts.size());
    int empty = 0;
    for (String text : texts) {
      int[] tokens = tokenizer.encode(text);
      if (tokens.length == 0) {
        empty++;
      } else {
        documents.add(tokens);
      }
    }
    int window = Math.min(maxTokens, scorer.model().config().maxPositionEmbeddings() - 1);
    long tokens = documents.stream().mapToLong(document -> Math.min(document.length, window)).sum();
    double loss = scorer.corpusNll(documents, window, tokenizer.eosId());
    return new PerplexityOutcome(set, loss, LmScorer.perplexity(loss), tokens, documents.size(), empty);
  }
}
