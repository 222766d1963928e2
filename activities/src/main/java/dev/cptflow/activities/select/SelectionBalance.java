package dev.cptflow.activities.select;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a few documents hold most of a selection's tokens. A similarity that favours length fills a 10% budget
 * with a handful of the longest documents, which trains on little variety; this measures it and says so.
 *
 * <p>{@code halfTokensDocs} is the fewest selected documents that together hold half of the selected tokens (the
 * longest first). At the corpus's mean length, that half would take {@code tokens / 2 / corpus mean} documents; when
 * fewer than a fifth of that many hold it, the selection's long documents average more than five times the corpus's
 * mean and {@code warning} says so (else it is null).
 *
 * @param selected the selected documents' token counts
 * @param corpus the whole corpus's (every scored document, before any filter)
 */
public record SelectionBalance(TokenLengths selected, TokenLengths corpus, long halfTokensDocs, String warning) {
  /** How much longer than the corpus's mean the documents holding half the selection may be before a warning. */
  static final double LENGTH_FACTOR = 5;

  public static SelectionBalance of(int[] selectedTokens, int[] corpusTokens) {
    TokenLengths selected = TokenLengths.of(selectedTokens);
    TokenLengths corpus = TokenLengths.of(corpusTokens);
    int[] longestFirst = selectedTokens.clone();
    Arrays.sort(longestFirst);
    long half = (selected.tokens() + 1) / 2;
    long held = 0;
    long docs = 0;
    for (int i = longestFirst.length - 1; i >= 0 && held < half; i--) {
      held += longestFirst[i];
      docs++;
    }
    String warning = null;
    if (selected.docs() > 0 && corpus.mean() > 0) {
      double atCorpusMean = half / corpus.mean();
      if (docs < atCorpusMean / LENGTH_FACTOR) {
        warning = String.format(Locale.ROOT, "%,d documents (%.1f%% of the %,d selected) hold half of the selection's %,d"
            + " tokens, where documents of the corpus's mean length (%,.0f tokens) would take %,.0f: the ranking favours"
            + " long documents", docs, 100.0 * docs / selected.docs(), selected.docs(), selected.tokens(), corpus.mean(),
            atCorpusMean);
      }
    }
    return new SelectionBalance(selected, corpus, docs, warning);
  }

  /** One line: the selected documents' token lengths beside the corpus's. */
  public String describe() {
    return "token lengths: selected " + describe(selected) + "; corpus " + describe(corpus);
  }

  private static String describe(TokenLengths lengths) {
    return String.format(Locale.ROOT, "%,d docs, p10 %,d, median %,d, p90 %,d, max %,d, mean %,.0f", lengths.docs(),
        lengths.p10(), lengths.p50(), lengths.p90(), lengths.max(), lengths.mean());
  }
}
