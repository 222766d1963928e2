package dev.cptflow.activities.lm.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code trainer_state.json} beside a checkpoint: everything besides weights and moments that a resumed
 * run needs to continue exactly where this one stopped.
 *
 * @param step optimizer steps done
 * @param samplesConsumed the data cursor: blocks read so far, across epochs
 * @param dataSeed the seed of the data order (the only randomness in training)
 * @param epoch the epoch the cursor is in
 * @param lr the learning rate of the last step
 */
public record TrainerState(int step, long samplesConsumed, long dataSeed, int epoch, double lr) {
  public static final String FILE = "trainer_state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public void write(Path dir) throws IOException {
    Files.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
  }

  public static TrainerState read(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(FILE).toFile(), TrainerState.class);
  }
}
