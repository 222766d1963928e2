package dev.cptflow.activities.lm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay, as {@code torch.optim.AdamW} computes it.
 * Its moments live here, not in the engine, so a checkpoint can save and restore them exactly. Decay
 * applies to matrices and embeddings only; biases and LayerNorm weights are not decayed (as GPT-NeoX
 * and the HF Trainer do).
 */
public final class AdamW {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private int steps;

  public AdamW(Map<String, NDArray> parameters, double weightDecay) {
    this(parameters, 0.9, 0.95, 1e-8, weightDecay);
  }

  public AdamW(Map<String, NDArray> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    parameters.forEach((name, parameter) -> {
      firstMoments.put(name, parameter.zerosLike().toType(DataType.FLOAT32, false));
      secondMoments.put(name, parameter.zerosLike().toType(DataType.FLOAT32, false));
    });
  }

  /** Updates every parameter from its gradient in place, outside autograd. */
  public void step(Map<String, NDArray> parameters, double learningRate) {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = 1 - Math.pow(beta2, steps);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
        NDArray parameter = entry.getValue();
        NDArray gradient = parameter.getGradient();
        NDArray first = firstMoments.get(entry.getKey());
        NDArray second = secondMoments.get(entry.getKey());
        first.muli(beta1).addi(gradient.mul(1 - beta1));
        second.muli(beta2).addi(gradient.square().muli(1 - beta2));
        // Writing through a detached view changes the values without recording an autograd op.
        NDArray values = parameter.stopGradient();
        if (weightDecay > 0 && parameter.getShape().dimension() > 1) {
          values.muli(1 - learningRate * weightDecay);
        }
        NDArray denominator = second.sqrt().divi(Math.sqrt(correction2)).addi(epsilon);
        values.subi(first.div(denominator).muli(learningRate / correction1));
      }
    }
  }

  public int steps() {
    return steps;
  }

  /** Moments by name ({@code <param>.exp_avg}, {@code <param>.exp_avg_sq}), as torch names them. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    firstMoments.forEach((name, moment) -> state.put(name + ".exp_avg", moment));
    secondMoments.forEach((name, moment) -> state.put(name + ".exp_avg_sq", moment));
    return state;
  }

  /** Restores moments and the step count saved by {@link #state()}. */
  public void restore(Map<String, float[]> saved, int savedSteps) {
    for (Map.Entry<String, NDArray> entry : state().entrySet()) {
      float[] values = saved.get(entry.getKey());
      if (values == null) {
        throw new IllegalArgumentException("optimizer state has no " + entry.getKey());
      }
      entry.getValue().set(values);
    }
    steps = savedSteps;
  }
}
