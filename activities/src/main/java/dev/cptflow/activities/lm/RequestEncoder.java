package dev.cptflow.activities.lm;

import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.util.Arrays;

/**
 * Splits a loglikelihood request on tokens exactly as lm-evaluation-harness {@code _encode_pair} does:
 * trailing whitespace of the context moves to the continuation, the pair is encoded whole, and the
 * continuation is what follows the context's own tokens. An empty context becomes the EOS token.
 */
public final class RequestEncoder {
  private final LmTokenizer tokenizer;

  public RequestEncoder(LmTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  public TokenPair encode(String context, String continuation) {
    if (context.isEmpty()) {
      return new TokenPair(new int[] {tokenizer.eosId()}, tokenizer.encode(continuation));
    }
    int spaces = context.length() - context.stripTrailing().length();
    if (spaces > 0) {
      continuation = context.substring(context.length() - spaces) + continuation;
      context = context.substring(0, context.length() - spaces);
    }
    int[] whole = tokenizer.encode(context + continuation);
    int[] contextTokens = tokenizer.encode(context);
    return new TokenPair(contextTokens, Arrays.copyOfRange(whole, contextTokens.length, whole.length));
  }
}
