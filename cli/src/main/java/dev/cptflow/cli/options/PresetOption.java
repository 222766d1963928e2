package dev.cptflow.cli.options;

import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.cli.UserError;
import picocli.CommandLine.Option;

/** The model shape a bench builds with random weights: one of {@link NeoXConfig#preset}'s Pythia shapes. */
public class PresetOption {
  @Option(names = "--preset", defaultValue = "pythia-70m", paramLabel = "NAME",
      description = "Model shape with random weights: tiny, pythia-70m or pythia-160m. Default: ${DEFAULT-VALUE}.")
  String preset;

  public String name() {
    return preset;
  }

  /** The shape for {@code vocabSize} tokens, or one line naming the option. */
  public NeoXConfig config(int vocabSize) {
    try {
      return NeoXConfig.preset(preset, vocabSize);
    } catch (IllegalArgumentException e) {
      throw new UserError("--preset: " + e.getMessage());
    }
  }
}
