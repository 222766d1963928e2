package dev.cptflow.activities.lm;

/** A loglikelihood request already split on tokens: score {@code continuation} after {@code context}. */
public record TokenPair(int[] context, int[] continuation) {
  public TokenPair {
    if (context.length == 0 || continuation.length == 0) {
      throw new IllegalArgumentException("context and continuation need at least one token each");
    }
  }
}
