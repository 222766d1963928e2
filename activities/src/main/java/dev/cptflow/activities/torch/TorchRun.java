package dev.cptflow.activities.torch;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cptflow.activities.lm.train.Trainer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one torch training job to its end: writes nothing itself but starts the launcher in a process group of its
 * own, follows rank 0's {@code progress.jsonl} (start, one line per step, evals, checkpoints, done) into a
 * {@link TorchListener}, and stops the whole group when the listener throws (a cancellation, a lost heartbeat) or
 * anything else ends the run early. The trainer's output goes to {@code trainer.log} in the job's directory.
 */
public final class TorchRun {
  public static final String PROGRESS = "progress.jsonl";
  public static final String LOG = "trainer.log";
  private static final long POLL_MILLIS = 200;
  private static final long LISTENER_EVERY_MILLIS = 1000;
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final TorchRuntime runtime;

  public TorchRun(TorchRuntime runtime) {
    this.runtime = runtime;
  }

  /** What the run produced and how it ran. */
  public record Outcome(Trainer.Result result, TorchStart start) {}

  /**
   * @param jobDir holds {@code job.json} (see {@link TorchJob#write}); the trainer's log goes here too
   * @param out the job's output directory
   */
  public Outcome run(Path jobDir, Path out, TorchListener listener) throws IOException, InterruptedException {
    Files.createDirectories(out);
    Path progress = out.resolve(PROGRESS);
    Files.deleteIfExists(progress);
    Path log = jobDir.resolve(LOG);
    List<String> args = List.of("--job", jobDir.resolve(TorchJob.FILE).toAbsolutePath().toString(), "--exit-with-stdin");
    Events events = new Events(out, listener);
    try (TrainerProcess process = TrainerProcess.start(runtime.commandLine(args), jobDir, log);
        ProgressTail tail = new ProgressTail(progress)) {
      long lastCall = 0;
      Integer exit = null;
      while (exit == null) {
        exit = process.waitFor(POLL_MILLIS);
        for (String line : tail.newLines()) {
          events.handle(line);
        }
        if (exit == null && System.currentTimeMillis() - lastCall >= LISTENER_EVERY_MILLIS) {
          listener.whileRunning();
          lastCall = System.currentTimeMillis();
        }
      }
      for (String line : tail.newLines()) {
        events.handle(line);
      }
      if (exit == 0 && events.done != null) {
        return new Outcome(events.result(), events.start);
      }
      if (exit == 2 && events.error != null) {
        throw new TorchTrainerFailure("the torch trainer refused the job: " + events.error, exit, true, List.of(), log);
      }
      String what = exit == 0 ? "the torch trainer exited without a final model" : "the torch trainer exited with status " + exit
          + (exit > 128 ? " (signal " + (exit - 128) + ")" : "");
      throw new TorchTrainerFailure(what, exit, exit == 2, lastLines(log), log);
    }
  }

  /** The log's last non-blank lines, for a one-line failure message. */
  static List<String> lastLines(Path log) throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(line -> !line.isEmpty()).toList();
    return lines.subList(Math.max(0, lines.size() - TorchTrainerFailure.TAIL_LINES), lines.size());
  }

  /** The progress events, dispatched as they come. */
  private static final class Events {
    private final Path out;
    private final TorchListener listener;
    private TorchStart start;
    private JsonNode done;
    private String error;

    Events(Path out, TorchListener listener) {
      this.out = out;
      this.listener = listener;
    }

    void handle(String line) throws IOException {
      JsonNode event = JSON.readTree(line);
      switch (event.path("event").asText()) {
        case "start" -> {
          start = new TorchStart(event.path("torch").asText(), event.path("world_size").asInt(), event.path("mode").asText(),
              event.path("precision").asText(), event.path("device").asText(), event.path("device_name").asText(),
              event.path("resumed_from").isNull() ? null : event.path("resumed_from").asInt());
          listener.onStart(start);
        }
        case "step" -> listener.onStep(event.path("step").asInt(), event.path("steps").asInt(),
            event.path("loss").asDouble(), event.path("lr").asDouble());
        case "eval" -> listener.onEval(event.path("step").asInt(), losses(event.path("losses")));
        case "checkpoint" -> listener.onCheckpoint(event.path("step").asInt(), out.resolve(event.path("path").asText()));
        case "done" -> done = event;
        case "error" -> error = event.path("message").asText();
        default -> { } // a newer trainer's event: nothing to do with it here
      }
    }

    Trainer.Result result() {
      return new Trainer.Result(done.path("steps").asInt(), done.path("tokens").asLong(), done.path("loss").asDouble(),
          out.resolve(done.path("final").asText()), losses(done.path("eval")));
    }

    private static Map<String, Double> losses(JsonNode values) {
      Map<String, Double> losses = new LinkedHashMap<>();
      values.fields().forEachRemaining(entry -> losses.put(entry.getKey(), entry.getValue().asDouble()));
      return losses;
    }
  }

  /** The complete lines appended to a file since the last call; a line still being written waits for its end. */
  private static final class ProgressTail implements AutoCloseable {
    private final Path file;
    private RandomAccessFile reader;
    private final StringBuilder partial = new StringBuilder();

    ProgressTail(Path file) {
      this.file = file;
    }

    List<String> newLines() throws IOException {
      if (reader == null) {
        if (!Files.exists(file)) {
          return List.of();
        }
        reader = new RandomAccessFile(file.toFile(), "r");
      }
      byte[] bytes = new byte[(int) Math.max(0, reader.length() - reader.getFilePointer())];
      reader.readFully(bytes);
      partial.append(new String(bytes, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      int newline;
      while ((newline = partial.indexOf("\n")) >= 0) {
        String line = partial.substring(0, newline).strip();
        partial.delete(0, newline + 1);
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
