package dev.cptflow.activities.lm.train;

/**
 * Which block the n-th training sample is: each epoch is a permutation of all blocks drawn from (seed, epoch). The
 * order is a pure function of the sample index, so resuming needs only that index.
 *
 * <p>The permutation is specified so that the torch engine draws the same one (trainers/torch/cpt_torch/blocks.py;
 * docs/architecture.md, 'Training blocks'): a SplitMix64 generator starts at {@code seed XOR (epoch ×
 * 0xD1B54A32D192ED03)}, and Fisher–Yates from the last position down swaps position i with j = the high 64 bits of
 * the unsigned product {@code next() × (i + 1)}.
 */
final class DataOrder {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private static final long EPOCH_SALT = 0xD1B54A32D192ED03L;

  private final int blocks;
  private final long seed;
  private int epoch = -1;
  private int[] permutation;

  DataOrder(int blocks, long seed) {
    if (blocks < 1) {
      throw new IllegalArgumentException("no training blocks: the data is shorter than one sequence");
    }
    this.blocks = blocks;
    this.seed = seed;
  }

  int block(long sample) {
    int sampleEpoch = (int) (sample / blocks);
    if (sampleEpoch != epoch) {
      permutation = permutation(blocks, seed, sampleEpoch);
      epoch = sampleEpoch;
    }
    return permutation[(int) (sample % blocks)];
  }

  /** Epoch {@code epoch}'s order of {@code blocks} blocks for {@code seed}. */
  static int[] permutation(int blocks, long seed, int epoch) {
    int[] order = new int[blocks];
    for (int i = 0; i < blocks; i++) {
      order[i] = i;
    }
    long state = seed ^ (epoch * EPOCH_SALT);
    for (int i = blocks - 1; i > 0; i--) {
      state += GAMMA;
      int j = (int) unsignedMultiplyHigh(mix(state), i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** SplitMix64's output function (Steele, Lea and Flood). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The high 64 bits of the unsigned 128-bit product of {@code x} and a non-negative {@code y} (JDK 18 has it built in). */
  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y);
  }
}
