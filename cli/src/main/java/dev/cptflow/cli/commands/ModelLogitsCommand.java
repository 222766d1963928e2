package dev.cptflow.cli.commands;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cptflow.activities.lm.GptNeoX;
import dev.cptflow.activities.lm.LmRuntime;
import dev.cptflow.activities.lm.ModelFiles;
import dev.cptflow.cli.UserError;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logits", mixinStandardHelpOptions = true,
    description = "Write the logits of a token sequence as JSON, for comparison with HF transformers (scripts/compare_hf.py).")
public class ModelLogitsCommand extends CommandBase {
  @Parameters(paramLabel = "DIR", description = "A Hugging Face model directory.")
  Path dir;

  @Option(names = "--tokens", required = true, split = ",", paramLabel = "IDS", description = "Comma-separated token ids.")
  List<Long> tokens;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON file: {tokens, shape, logits}.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (tokens.isEmpty()) {
      throw new UserError("--tokens: give at least one token id");
    }
    try (GptNeoX model = ModelFiles.load(dir, LmRuntime.defaultDevice());
        NDScope scope = new NDScope();
        NDManager manager = model.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      long[][] ids = {tokens.stream().mapToLong(Long::longValue).toArray()};
      NDArray logits = model.forward(model.tokens(manager, ids), null, null);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("tokens", tokens);
      json.put("shape", logits.getShape().getShape());
      json.put("logits", logits.toFloatArray());
      new ObjectMapper().writeValue(out.toFile(), json);
    }
    out().println("wrote logits of " + tokens.size() + " tokens to " + out);
    return 0;
  }
}
