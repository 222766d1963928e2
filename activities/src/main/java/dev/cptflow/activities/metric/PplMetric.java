package dev.cptflow.activities.metric;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.LmScorer;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.activities.score.PplScorer;
import dev.cptflow.activities.score.Scorer;
import dev.cptflow.workflows.api.TaskQueues;
import dev.cptflow.workflows.api.metric.MetricInputs;
import dev.cptflow.workflows.api.stage.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** ETA-DACP's novelty: a document's perplexity under a small proxy LM. */
public final class PplMetric extends ScoringMetric<PplMetric.Settings> {
  /** Padded tokens per perplexity forward pass. */
  private static final int TOKEN_BUDGET = 8192;

  /** @param maxTokens the tokens of each document that are scored */
  public record Settings(String proxy, int maxTokens) {}

  public PplMetric() {
    super(Settings.class);
  }

  @Override
  public String key() {
    return "ppl";
  }

  @Override
  public String variant() {
    return "eta-dacp-ppl";
  }

  @Override
  public Direction direction() {
    return Direction.HIGHER;
  }

  @Override
  public String description() {
    return "perplexity under the proxy model: novelty (ETA-DACP)";
  }

  @Override
  public boolean combinedByDefault() {
    return true;
  }

  @Override
  protected Settings plan(MetricInputs inputs) {
    if (inputs.proxyModel() == null) {
      throw new IllegalArgumentException("ppl needs a proxy model (model.proxy, or --model)");
    }
    return new Settings(inputs.proxyModel(), inputs.maxScoreTokens());
  }

  @Override
  protected TaskQueues queueFor(Settings settings) {
    return TaskQueues.GPU;
  }

  /** The LM's scoring forward alone, on the same token budget per pass. */
  @Override
  protected Optional<RawEngine> rawEngine(Settings settings, ScorerContext context) {
    Path proxy = context.model(settings.proxy());
    GptNeoX model = ModelFiles.load(proxy, LmRuntime.defaultDevice());
    LmTokenizer tokenizer = LmTokenizer.load(proxy.resolve(ModelFiles.TOKENIZER));
    LmScorer raw = new LmScorer(model, TOKEN_BUDGET, 64);
    return Optional.of(new RawEngine() {
      @Override
      public void run(List<String> texts) {
        RawEngine.inBatches(texts, 32, batch -> raw.meanNll(tokenizer.encodeBatch(batch), settings.maxTokens(), tokenizer.eosId()));
      }

      @Override
      public void close() {
        model.close();
        tokenizer.close();
      }
    });
  }

  @Override
  protected Scorer scorer(Settings settings, ScorerContext context) {
    Path proxy = context.model(settings.proxy());
    return new PplScorer(ModelFiles.load(proxy, LmRuntime.defaultDevice()),
        LmTokenizer.load(proxy.resolve(ModelFiles.TOKENIZER)), settings.maxTokens(), TOKEN_BUDGET);
  }
}
