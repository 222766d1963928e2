package dev.cptflow.activities.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class LmScorerTest {
  static final int EOS = 0;

  @Test
  void aPaddedBatchScoresEachDocumentAsItScoresAlone() {
    NeoXConfig config = TinyModels.config(41, 2, true);
    try (GptNeoX model = TinyModels.model(config, 21, 0.3)) {
      List<int[]> documents = List.of(
          new int[] {5, 8, 13, 21, 34, 2, 7, 9, 11, 3, 3, 40},
          new int[] {17},
          new int[] {6, 6, 6, 6},
          new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
          new int[] {});
      double[] batched = new LmScorer(model, 4096, 16).meanNll(documents, 1024, EOS);
      LmScorer oneAtATime = new LmScorer(model, 4096, 1);
      for (int i = 0; i < documents.size(); i++) {
        double alone = oneAtATime.meanNll(List.of(documents.get(i)), 1024, EOS)[0];
        if (documents.get(i).length == 0) {
          assertTrue(Double.isNaN(batched[i]) && Double.isNaN(alone), "an empty document has no score");
        } else {
          assertEquals(alone, batched[i], 1e-5, "document " + i);
        }
      }
    }
  }

  @Test
  void onlyTheFirstMaxTokensCount() {
    NeoXConfig config = TinyModels.config(41, 1, true);
    try (GptNeoX model = TinyModels.model(config, 2, 0.3)) {
      LmScorer scorer = new LmScorer(model, 4096, 8);
      int[] document = {5, 8, 13, 21, 34, 2, 7, 9};
      double truncated = scorer.meanNll(List.of(document), 4, EOS)[0];
      double prefix = scorer.meanNll(List.of(java.util.Arrays.copyOf(document, 4)), 1024, EOS)[0];
      assertEquals(prefix, truncated, 1e-6);
    }
  }

  @Test
  void loglikelihoodEqualsTheSumOverItsTokensFromASlowReferenceLoop() {
    NeoXConfig config = TinyModels.config(37, 2, false);
    try (GptNeoX model = TinyModels.model(config, 9, 0.4)) {
      List<TokenPair> requests = List.of(
          new TokenPair(new int[] {EOS}, new int[] {12, 30}),
          new TokenPair(new int[] {3, 4, 5, 6, 7, 8, 9}, new int[] {1}),
          new TokenPair(new int[] {20, 21}, new int[] {22, 23, 24, 25}),
          new TokenPair(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, new int[] {2, 2}));
      List<LogLikelihood> batched = new LmScorer(model, 64, 3).loglikelihood(requests);
      for (int i = 0; i < requests.size(); i++) {
        TokenPair pair = requests.get(i);
        double expected = 0;
        boolean greedy = true;
        int[] prefix = pair.context().clone();
        for (int token : pair.continuation()) {
          float[] next = lastLogSoftmax(model, prefix);
          expected += next[token];
          greedy &= argMax(next) == token;
          prefix = java.util.Arrays.copyOf(prefix, prefix.length + 1);
          prefix[prefix.length - 1] = token;
        }
        assertEquals(expected, batched.get(i).logProb(), 1e-4, "request " + i);
        assertEquals(greedy, batched.get(i).greedy(), "greedy flag of request " + i);
        assertEquals(pair.continuation().length, batched.get(i).tokens());
      }
    }
  }

  @Test
  void aContinuationThatIsTheArgmaxIsGreedy() {
    NeoXConfig config = TinyModels.config(37, 2, true);
    try (GptNeoX model = TinyModels.model(config, 4, 0.5)) {
      int[] context = {3, 14, 15, 9, 2};
      int best = argMax(lastLogSoftmax(model, context));
      int other = (best + 1) % config.vocabSize();
      List<LogLikelihood> results = new LmScorer(model, 256, 4).loglikelihood(
          List.of(new TokenPair(context, new int[] {best}), new TokenPair(context, new int[] {other})));
      assertTrue(results.get(0).greedy());
      assertTrue(!results.get(1).greedy());
      assertTrue(results.get(0).logProb() > results.get(1).logProb());
    }
  }

  private static float[] lastLogSoftmax(GptNeoX model, int[] prefix) {
    try (NDScope scope = new NDScope(); NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      long[][] ids = {java.util.Arrays.stream(prefix).asLongStream().toArray()};
      NDArray logits = model.forward(model.tokens(manager, ids), null, null);
      return logits.get("0, -1, :").logSoftmax(-1).toFloatArray();
    }
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
