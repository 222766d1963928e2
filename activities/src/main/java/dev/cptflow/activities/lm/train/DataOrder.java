package dev.cptflow.activities.lm.train;

import java.util.SplittableRandom;

/**
 * Which block the n-th training sample is: each epoch is a permutation of all blocks drawn from
 * (seed, epoch). The order is a pure function of the sample index, so resuming needs only that index.
 */
final class DataOrder {
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
      permutation = permutation(sampleEpoch);
      epoch = sampleEpoch;
    }
    return permutation[(int) (sample % blocks)];
  }

  private int[] permutation(int forEpoch) {
    int[] order = new int[blocks];
    for (int i = 0; i < blocks; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + forEpoch);
    for (int i = blocks - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
