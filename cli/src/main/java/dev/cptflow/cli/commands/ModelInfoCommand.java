package dev.cptflow.cli.commands;

import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.activities.lm.NeoXConfig;
import dev.cptflow.activities.lm.safetensors.SafetensorsCheckpoint;
import dev.cptflow.activities.lm.safetensors.TensorInfo;
import dev.cptflow.activities.lm.tokenizer.LmTokenizer;
import dev.cptflow.cli.UserError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print a model directory's parameter count, config, tensor dtypes and tokenizer.")
public class ModelInfoCommand extends CommandBase {
  @Parameters(paramLabel = "DIR", description = "A Hugging Face model directory.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": no such model directory");
    }
    PrintWriter out = out();
    NeoXConfig config = NeoXConfig.read(dir);
    out.printf(Locale.ROOT, "model       %s%n", dir);
    out.printf(Locale.ROOT, "parameters  %,d%n", config.parameterCount());
    out.printf(Locale.ROOT, "config      layers %d, hidden %d, heads %d, intermediate %d, vocab %d, rotary %d of %d dims (base %.0f), "
            + "parallel residual %s, max positions %d, layer-norm eps %s%n",
        config.numHiddenLayers(), config.hiddenSize(), config.numAttentionHeads(), config.intermediateSize(), config.vocabSize(),
        config.rotaryDims(), config.headSize(), config.rotaryEmbBase(), config.useParallelResidual(), config.maxPositionEmbeddings(),
        config.layerNormEps());
    try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
      Map<String, Long> elementsByDtype = new TreeMap<>();
      for (TensorInfo tensor : checkpoint.tensors()) {
        elementsByDtype.merge(tensor.dtype().name(), tensor.elementCount(), Long::sum);
      }
      out.printf(Locale.ROOT, "weights     %d tensors; dtypes: %s%n", checkpoint.tensors().size(), elementsByDtype);
    }
    Path tokenizerJson = dir.resolve(ModelFiles.TOKENIZER);
    if (Files.exists(tokenizerJson)) {
      try (LmTokenizer tokenizer = LmTokenizer.load(tokenizerJson)) {
        out.printf(Locale.ROOT, "tokenizer   %d tokens, eos %d, sha256 %s%n", tokenizer.vocabSize(), tokenizer.eosId(),
            tokenizer.sha256().substring(0, 16));
      }
    } else {
      out.println("tokenizer   none (no tokenizer.json)");
    }
    return 0;
  }
}
