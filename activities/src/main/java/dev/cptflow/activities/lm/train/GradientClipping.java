package dev.cptflow.activities.lm.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collection;

/**
 * Global-norm clipping, as {@code torch.nn.utils.clip_grad_norm_}: every gradient is scaled by
 * {@code min(1, maxNorm / (norm + 1e-6))}, where norm covers all gradients together. (DJL's
 * {@code optClipGrad} clamps each value instead, which changes the update's direction.)
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** Scales the gradients in place when {@code maxNorm > 0}; returns the norm before clipping. */
  public static double clip(Collection<NDArray> parameters, double maxNorm) {
    double squares = 0;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (NDArray parameter : parameters) {
        squares += parameter.getGradient().square().sum().getFloat();
      }
      double norm = Math.sqrt(squares);
      if (maxNorm > 0) {
        double scale = Math.min(1.0, maxNorm / (norm + 1e-6));
        if (scale < 1.0) {
          for (NDArray parameter : parameters) {
            parameter.getGradient().muli(scale);
          }
        }
      }
      return norm;
    }
  }

  /** Sets every gradient to zero, before the next accumulation. */
  public static void zero(Collection<NDArray> parameters) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (NDArray parameter : parameters) {
        NDArray gradient = parameter.getGradient();
        gradient.subi(gradient);
      }
    }
  }
}
