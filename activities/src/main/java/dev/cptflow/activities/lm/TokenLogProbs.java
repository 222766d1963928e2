package dev.cptflow.activities.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Log-probabilities of target tokens, computed over the vocabulary in chunks of positions: the full
 * [batch, seq, vocab] logits of a 50k vocabulary would not fit in memory for long batches.
 */
public final class TokenLogProbs {
  /** Positions per chunk; logits of one chunk are [batch, CHUNK, vocab]. */
  static final int CHUNK = 256;

  private TokenLogProbs() {}

  /**
   * @param inputIds [batch, seq] int64, what the model reads
   * @param targets [batch, seq] int64, the token expected after each input position
   * @return [batch, seq]: log p(targets[:, t] | inputIds[:, ..t]); with {@code greedy} also a second
   *     array, true where the argmax at t is the target
   */
  public static NDList of(GptNeoX model, NDArray inputIds, NDArray targets, NDArray attentionMask, boolean greedy) {
    NDArray hidden = model.hidden(inputIds, attentionMask, null);
    long seq = inputIds.getShape().get(1);
    NDList logProbChunks = new NDList();
    NDList greedyChunks = new NDList();
    for (long start = 0; start < seq; start += CHUNK) {
      String positions = ":, " + start + ":" + Math.min(seq, start + CHUNK);
      NDArray logits = model.logits(hidden.get(positions + ", :")); // [batch, chunk, vocab]
      NDArray chunkTargets = targets.get(positions);
      logProbChunks.add(logits.logSoftmax(-1).gather(chunkTargets.expandDims(-1), -1).squeeze(-1));
      if (greedy) {
        greedyChunks.add(logits.argMax(-1).eq(chunkTargets));
      }
    }
    NDArray logProbs = concat(logProbChunks);
    return greedy ? new NDList(logProbs, concat(greedyChunks)) : new NDList(logProbs);
  }

  /** Joins chunks along the sequence axis, without a copy when there is one. */
  private static NDArray concat(NDList chunks) {
    return chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks, 1);
  }
}
