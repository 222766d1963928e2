package dev.cptflow.workflows.api.stage;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A trained variant: {@code final/} (the model in the HF layout), {@code losses.jsonl} (step, loss, lr per step),
 * {@code eval.jsonl} (held-out losses every {@code eval_every} steps, when the run had held-out sets) and
 * {@code cost.json}.
 *
 * @param resumedFromStep 0 for a run that started fresh; else the stored checkpoint an earlier attempt left
 * @param finalEval the last held-out losses by set ({@code domain}, {@code general})
 */
public record TrainOutput(String prefix, int steps, long tokens, double finalLoss, double seconds, int resumedFromStep,
    SortedMap<String, Double> finalEval, boolean hasEvalLog) implements StageOutput {
  public static final String FINAL = "final";
  public static final String LOSSES = "losses.jsonl";
  public static final String EVALS = "eval.jsonl";
  public static final String COST = "cost.json";

  public TrainOutput {
    finalEval = Collections.unmodifiableSortedMap(new TreeMap<>(finalEval == null ? Collections.emptySortedMap() : finalEval));
  }

  /** The prefix of the trained model's directory. */
  public String modelKey() {
    return prefix + "/" + FINAL;
  }

  public String lossesKey() {
    return prefix + "/" + LOSSES;
  }

  /** The held-out loss log, or null when the run had no held-out set. */
  public String evalKey() {
    return hasEvalLog ? prefix + "/" + EVALS : null;
  }

  public String costKey() {
    return prefix + "/" + COST;
  }
}
