"""The learning-rate schedule, as the Java trainer's LrSchedule computes it: a pure function of the step."""
import math


def warmup_steps(warmup, total_steps):
    """``warmup`` below 1 is a fraction of the steps (rounded half up, as Java's Math.round), else a step count."""
    return int(math.floor(warmup * total_steps + 0.5)) if warmup < 1 else int(warmup)


class LrSchedule:
    """Linear warmup from 0 to the peak, then cosine decay to ``min_lr_ratio`` of it, or constant."""

    def __init__(self, peak, warmup, total_steps, min_lr_ratio, cosine):
        self.peak = peak
        self.warmup = warmup
        self.total_steps = total_steps
        self.min_lr_ratio = min_lr_ratio
        self.cosine = cosine

    def at(self, step):
        """The rate of optimizer step ``step``, counting from 0."""
        if step < self.warmup:
            return self.peak * (step + 1) / self.warmup
        if not self.cosine or self.total_steps <= self.warmup:
            return self.peak
        progress = min(1.0, (step - self.warmup) / (self.total_steps - self.warmup))
        floor = self.peak * self.min_lr_ratio
        return floor + (self.peak - floor) * 0.5 * (1 + math.cos(math.pi * progress))
