package dev.cptflow.activities.lm.train;

/**
 * Linear warmup from 0 to the peak rate, then cosine decay to {@code minLrRatio} of it, or constant.
 * A pure function of the step, so a resumed run continues on exactly the same curve.
 */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, double minLrRatio, boolean cosine) {
  /** The rate for optimizer step {@code step}, counting from 0. */
  public double at(int step) {
    if (step < warmupSteps) {
      return peak * (step + 1) / warmupSteps;
    }
    if (!cosine || totalSteps <= warmupSteps) {
      return peak;
    }
    double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
    double floor = peak * minLrRatio;
    return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }

  /** {@code warmup} below 1 is a fraction of the steps, otherwise a step count. */
  public static int warmupSteps(double warmup, int totalSteps) {
    return warmup < 1 ? (int) Math.round(warmup * totalSteps) : (int) warmup;
  }
}
