package dev.cptflow.cli.commands;

import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.tokenizer.BuiltinCorpus;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = {
      "Write a GPT-NeoX model with seeded random weights: config.json, model.safetensors and a byte-level BPE",
      "tokenizer.json trained on a built-in text. It loads in transformers as GPTNeoXForCausalLM."
    })
public class ModelInitCommand extends CommandBase {
  @Option(names = "--preset", required = true, paramLabel = "NAME", description = "tiny, pythia-70m or pythia-160m.")
  String preset;

  @Option(names = "--seed", defaultValue = "1234", showDefaultValue = Visibility.ALWAYS, description = "Seed of the weights.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to create.")
  Path out;

  @Option(names = "--tokenizer-vocab", defaultValue = "4096", showDefaultValue = Visibility.ALWAYS, paramLabel = "N",
      description = "Tokens of the generated tokenizer (tiny uses its own, at most this).")
  int tokenizerVocab;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out.resolve(ModelFiles.WEIGHTS))) {
      throw new UserError(out + " already holds a model; choose another --out");
    }
    boolean tiny = "tiny".equals(preset);
    int tokens = tiny ? Math.min(tokenizerVocab, 1024) : tokenizerVocab;
    Path tokenizerJson = BuiltinCorpus.writeDefaultTokenizer(out, tokens);
    int tokenizerSize;
    try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
      tokenizerSize = tokenizer.vocabSize();
    }
    // Pythia pads its embedding to 50304 rows; tiny models use exactly the tokenizer's size.
    NeoXConfig config;
    try {
      config = NeoXConfig.preset(preset, tiny ? tokenizerSize : 50304);
    } catch (IllegalArgumentException e) {
      throw new UserError("--preset: " + e.getMessage());
    }
    ModelFiles.save(config, GptNeoX.randomWeights(config, seed), null, out);
    out().printf(Locale.ROOT, "wrote %s: %s preset, %,d parameters, tokenizer of %d tokens, seed %d%n",
        out, preset, config.parameterCount(), tokenizerSize, seed);
    return 0;
  }
}
