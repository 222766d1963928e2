package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.lm.LogLikelihood;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A model that answers with given generations, in the order it is asked, each cut before the first stop string as
 * the real generator cuts it: fixtures state what a model wrote and the numbers FLARE gives for it.
 */
final class CannedModel implements LanguageModel {
  private final List<String> generations;
  private final int window;
  private final List<String> prompts = new ArrayList<>();

  CannedModel(List<String> generations) {
    this(generations, 1 << 20);
  }

  /** @param window the window, in tokens, which this model counts as one per character */
  CannedModel(List<String> generations, int window) {
    this.generations = generations;
    this.window = window;
  }

  List<String> prompts() {
    return prompts;
  }

  @Override
  public List<LogLikelihood> loglikelihood(List<TextPair> pairs, IntConsumer scored) {
    throw new UnsupportedOperationException("a canned model only generates");
  }

  @Override
  public String generateUntil(String context, List<String> until, int maxNewTokens) {
    prompts.add(context);
    String text = generations.get(prompts.size() - 1);
    for (String stop : until) {
      int at = text.indexOf(stop);
      if (at >= 0) {
        text = text.substring(0, at);
      }
    }
    return text;
  }

  @Override
  public int window() {
    return window;
  }

  @Override
  public int tokenCount(String text) {
    return text.length();
  }
}
