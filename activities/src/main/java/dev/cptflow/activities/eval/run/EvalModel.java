package dev.cptflow.activities.eval.run;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model directory (HF layout) loaded for evaluation: the harness's model and held-out perplexity. */
public final class EvalModel implements AutoCloseable {
  /** Padded tokens per forward pass: a few 2k-token prompts, small enough for a CPU's memory. */
  public static final int TOKEN_BUDGET = 8192;
  static final int MAX_BATCH = 64;

  private final GptNeoX model;
  private final LmTokenizer tokenizer;

  private EvalModel(GptNeoX model, LmTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
  }

  public static EvalModel load(Path dir) {
    Path tokenizerJson = dir.resolve(ModelFiles.TOKENIZER);
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new IllegalArgumentException("model directory " + dir + " has no " + ModelFiles.TOKENIZER);
    }
    LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson);
    try {
      return new EvalModel(ModelFiles.load(dir, LmRuntime.defaultDevice()), tokenizer);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  public LanguageModel languageModel() {
    return new DjlLanguageModel(model, tokenizer, TOKEN_BUDGET, MAX_BATCH);
  }

  /** @param maxTokens tokens read per document: the training sequence length */
  public HeldoutPerplexity perplexity(int maxTokens) {
    return new HeldoutPerplexity(new LmScorer(model, TOKEN_BUDGET, MAX_BATCH), tokenizer, maxTokens);
  }

  public String device() {
    return model.device().toString();
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
