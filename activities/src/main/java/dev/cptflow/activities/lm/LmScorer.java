package dev.cptflow.activities.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.cptflow.activities.cores.CoreBudget;
import java.util.Arrays;
import java.util.List;

/**
 * Batched scoring with a {@link GptNeoX}: per-document perplexity (ETA-DACP's novelty metric, held-out
 * loss) and lm-evaluation-harness loglikelihoods. Batches group sequences of similar length and pad on
 * the right; padding never changes a score, because padded keys are masked and padded targets ignored.
 */
public final class LmScorer {
  private final GptNeoX model;
  private final int tokenBudget;
  private final int maxBatch;

  /** @param tokenBudget padded tokens per forward pass; bounds activation memory */
  public LmScorer(GptNeoX model, int tokenBudget, int maxBatch) {
    this.model = model;
    this.tokenBudget = tokenBudget;
    this.maxBatch = maxBatch;
  }

  /**
   * Mean negative log-likelihood, in nats per token, of each document's first {@code maxTokens} tokens
   * (at most the model's window less one).
   * Each document is read after an EOS, as it follows one in packed training data, so its first token is
   * scored too and a one-token document has a score. An empty document scores NaN.
   */
  public double[] meanNll(List<int[]> documents, int maxTokens, int eosId) {
    // The EOS in front takes one position of the model's window.
    maxTokens = Math.min(maxTokens, model.config().maxPositionEmbeddings() - 1);
    int[][] sequences = new int[documents.size()][];
    int[] lengths = new int[documents.size()];
    for (int i = 0; i < sequences.length; i++) {
      int[] tokens = documents.get(i);
      int kept = Math.min(tokens.length, maxTokens);
      sequences[i] = new int[kept + 1];
      sequences[i][0] = eosId;
      System.arraycopy(tokens, 0, sequences[i], 1, kept);
      lengths[i] = kept;
    }
    double[] meanNll = new double[sequences.length];
    Arrays.fill(meanNll, Double.NaN);
    int[] nonEmpty = java.util.stream.IntStream.range(0, lengths.length).filter(i -> lengths[i] > 0).toArray();
    int[] nonEmptyLengths = Arrays.stream(nonEmpty).map(i -> lengths[i]).toArray();
    for (int[] batchOfNonEmpty : LengthBatches.of(nonEmptyLengths, tokenBudget, maxBatch)) {
      int[] batch = Arrays.stream(batchOfNonEmpty).map(i -> nonEmpty[i]).toArray();
      float[][] scoredLogProbs = scoreBatch(sequences, batch, false).logProbs();
      for (int row = 0; row < batch.length; row++) {
        int doc = batch[row];
        meanNll[doc] = -sum(scoredLogProbs, row, 0, lengths[doc]) / lengths[doc];
      }
    }
    return meanNll;
  }

  /**
   * Held-out loss of a set of documents: NLL summed over every scored token, divided by the token count
   * (so long documents weigh more, as in a corpus-level loss).
   */
  public double corpusNll(List<int[]> documents, int maxTokens, int eosId) {
    double[] perDocument = meanNll(documents, maxTokens, eosId);
    double total = 0;
    long tokens = 0;
    for (int i = 0; i < perDocument.length; i++) {
      int scored = Math.min(documents.get(i).length, maxTokens);
      if (scored > 0) {
        total += perDocument[i] * scored;
        tokens += scored;
      }
    }
    return tokens == 0 ? Double.NaN : total / tokens;
  }

  /** Perplexity from a mean NLL in nats. */
  public static double perplexity(double meanNll) {
    return Math.exp(meanNll);
  }

  /**
   * lm-evaluation-harness {@code _loglikelihood_tokens}: the model reads context + continuation without
   * its last token, left-truncated to the model's length, and the continuation tokens are scored.
   */
  public List<LogLikelihood> loglikelihood(List<TokenPair> requests) {
    int window = model.config().maxPositionEmbeddings();
    int[][] sequences = new int[requests.size()][];
    int[] lengths = new int[requests.size()];
    for (int i = 0; i < sequences.length; i++) {
      TokenPair pair = requests.get(i);
      int[] whole = new int[pair.context().length + pair.continuation().length];
      System.arraycopy(pair.context(), 0, whole, 0, pair.context().length);
      System.arraycopy(pair.continuation(), 0, whole, pair.context().length, pair.continuation().length);
      // keep the last window + 1 tokens: window inputs, each predicting the next
      sequences[i] = whole.length > window + 1 ? Arrays.copyOfRange(whole, whole.length - window - 1, whole.length) : whole;
      lengths[i] = sequences[i].length - 1;
    }
    LogLikelihood[] results = new LogLikelihood[requests.size()];
    for (int[] batch : LengthBatches.of(lengths, tokenBudget, maxBatch)) {
      Scored scored = scoreBatch(sequences, batch, true);
      for (int row = 0; row < batch.length; row++) {
        int request = batch[row];
        int continuation = requests.get(request).continuation().length;
        int end = lengths[request];
        boolean greedy = true;
        for (int t = end - continuation; t < end; t++) {
          greedy &= scored.greedy()[row][t];
        }
        results[request] = new LogLikelihood(sum(scored.logProbs(), row, end - continuation, end), greedy, continuation);
      }
    }
    return List.of(results);
  }

  /** Per batch row and input position: the target's log-prob, and whether it was the argmax. */
  private record Scored(float[][] logProbs, boolean[][] greedy) {}

  /**
   * Scores sequences {@code batch} of {@code sequences}: inputs are each sequence but its last token,
   * targets each but its first.
   */
  private Scored scoreBatch(int[][] sequences, int[] batch, boolean greedy) {
    int width = 0;
    for (int index : batch) {
      width = Math.max(width, sequences[index].length - 1);
    }
    long[][] inputs = new long[batch.length][width];
    long[][] targets = new long[batch.length][width];
    long[][] mask = new long[batch.length][width];
    for (int row = 0; row < batch.length; row++) {
      int[] sequence = sequences[batch[row]];
      for (int t = 0; t < sequence.length - 1; t++) {
        inputs[row][t] = sequence[t];
        targets[row][t] = sequence[t + 1];
        mask[row][t] = 1;
      }
    }
    try (CoreBudget.Hold cores = CoreBudget.process().hold(LmRuntime.threads());
        NDScope scope = new NDScope();
        NDManager batchManager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      NDList out = TokenLogProbs.of(model, model.tokens(batchManager, inputs), model.tokens(batchManager, targets),
          model.tokens(batchManager, mask), greedy);
      float[] logProbs = out.get(0).toFloatArray();
      boolean[] greedyValues = greedy ? out.get(1).toBooleanArray() : new boolean[logProbs.length];
      float[][] logProbRows = new float[batch.length][];
      boolean[][] greedyRows = new boolean[batch.length][];
      for (int row = 0; row < batch.length; row++) {
        logProbRows[row] = Arrays.copyOfRange(logProbs, row * width, (row + 1) * width);
        greedyRows[row] = Arrays.copyOfRange(greedyValues, row * width, (row + 1) * width);
      }
      return new Scored(logProbRows, greedyRows);
    }
  }

  /** Sum of the log-probs at positions [from, to) of a row, accumulated in double. */
  private static double sum(float[][] logProbs, int row, int from, int to) {
    double total = 0;
    for (int t = from; t < to; t++) {
      total += logProbs[row][t];
    }
    return total;
  }

  public GptNeoX model() {
    return model;
  }
}
