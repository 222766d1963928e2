package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.lm.LogLikelihood;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** What the harness asks of a model: lm-evaluation-harness's {@code loglikelihood} and {@code generate_until}. */
public interface LanguageModel {
  /**
   * Scores every (context, continuation) pair, in order. Implementations batch by length; {@code scored} hears how
   * many pairs each finished batch of work covered, for progress and heartbeats.
   */
  List<LogLikelihood> loglikelihood(List<TextPair> pairs, IntConsumer scored);

  /** Greedy text after {@code context}, cut before the first of {@code until}. */
  String generateUntil(String context, List<String> until, int maxNewTokens);

  /**
   * {@link #generateUntil(String, List, int)} for each context, in order; implementations batch them.
   * {@code generated} hears how many contexts each finished batch of work covered.
   */
  default List<String> generateUntil(List<String> contexts, List<String> until, int maxNewTokens, IntConsumer generated) {
    List<String> texts = new ArrayList<>(contexts.size());
    for (String context : contexts) {
      texts.add(generateUntil(context, until, maxNewTokens));
      generated.accept(1);
    }
    return texts;
  }

  /** Positions the model reads at once: a longer request is cut from the left. */
  int window();

  /** Tokens of {@code text} (no special tokens added). */
  int tokenCount(String text);

  /** A loglikelihood request in text form. */
  record TextPair(String context, String continuation) {}
}
