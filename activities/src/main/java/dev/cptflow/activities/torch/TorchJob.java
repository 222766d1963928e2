package dev.cptflow.activities.torch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cptflow.activities.lm.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One training job for the torch engine, as {@code job.json} (read by trainers/torch/cpt_torch/job.py): where the
 * model, blocks and held-out sets are, where to write, the checkpoint to resume from, and the run's {@link TrainConfig}
 * (its fields in snake case).
 *
 * @param baseModel the HF directory training starts from (its config and tokenizer go into every checkpoint)
 * @param resume the checkpoint to continue from, or null
 * @param evalSets held-out sets, each a JSON file of token-id lists
 */
public record TorchJob(String baseModel, String resume, String blocks, String out, int eosId, List<EvalSet> evalSets,
    TrainConfig config) {
  public static final String FILE = "job.json";
  static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  public record EvalSet(String name, String tokens) {}

  /**
   * The job for a run into {@code out}, its held-out sets written beside the job file as {@code eval-<name>.json}.
   */
  public static TorchJob write(Path dir, Path baseModel, Path resume, Path blocks, Path out, int eosId,
      Map<String, List<int[]>> evalSets, TrainConfig config) throws IOException {
    Files.createDirectories(dir);
    List<EvalSet> sets = new ArrayList<>();
    for (Map.Entry<String, List<int[]>> set : evalSets.entrySet()) {
      Path file = dir.resolve("eval-" + set.getKey() + ".json");
      JSON.writeValue(file.toFile(), set.getValue());
      sets.add(new EvalSet(set.getKey(), file.toAbsolutePath().toString()));
    }
    TorchJob job = new TorchJob(baseModel.toAbsolutePath().toString(),
        resume == null ? null : resume.toAbsolutePath().toString(), blocks.toAbsolutePath().toString(),
        out.toAbsolutePath().toString(), eosId, sets, config);
    JSON.writeValue(dir.resolve(FILE).toFile(), job);
    return job;
  }
}
