package dev.cptflow.cli.options;

import picocli.CommandLine.Option;

/** The sweep's seed: held-out draws, tie-breaks, soft sampling, data order and few-shot draws all follow it. */
public class SeedOption {
  @Option(names = "--seed", descriptionKey = "seed", paramLabel = "S", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  public long seed() {
    return seed;
  }
}
