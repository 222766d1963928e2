package dev.cptflow.cli.commands;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The authors' DSIR ({@code ../shared/peers/dsir}: the upstream package unmodified and its runner), run on the texts
 * we score, for {@code cpt bench score --peer-dsir} and the agreement test. It runs under {@code /usr/bin/python3}
 * with Debian's numpy, nltk, tqdm and joblib, in one process (joblib then runs every job in it), with the runner's
 * phase clock ({@code time.perf_counter}) set to the process's CPU clock: its "seconds" are CPU seconds, so its rates
 * are per core even on a machine other work shares, as ours are.
 */
public final class DsirPeer {
  public static final Path PYTHON = Path.of("/usr/bin/python3");
  /**
   * Every character past ASCII escaped, because the runner reads plain JSONL in the locale's encoding (upstream's
   * loader opens it without one): escaped, the texts arrive exact whatever the locale.
   */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  /** One document's row of the peer's {@code weights.jsonl}. */
  public record Weight(long index, String id, @JsonProperty("log_weight") double logWeight,
      @JsonProperty("num_tokens") long tokens, boolean eligible, boolean selected) {}

  /** The peer's weights in corpus order, and its JSON summary (timings, counts). */
  public record Run(List<Weight> weights, JsonNode summary) {
    /** CPU seconds of the weighing phase. */
    public double weightSeconds() {
      return summary.path("seconds").path("weights").asDouble();
    }

    /** CPU seconds of the fit. */
    public double fitSeconds() {
      return summary.path("seconds").path("fit").asDouble();
    }
  }

  private final Path dir;

  public DsirPeer(Path dir) {
    this.dir = dir;
  }

  /** Why the peer cannot run here (no runner, no python, a missing package), or null when it can. */
  public String unavailable() {
    if (!Files.isRegularFile(dir.resolve("run_dsir.py"))) {
      return "no DSIR peer at " + dir.toAbsolutePath() + " (run_dsir.py)";
    }
    if (!Files.isExecutable(PYTHON)) {
      return PYTHON + " is missing";
    }
    try {
      Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy, nltk, tqdm, joblib")
          .redirectErrorStream(true).start();
      String output = new String(check.getInputStream().readAllBytes());
      if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
        return PYTHON + " lacks DSIR's packages (apt-get install python3-numpy python3-nltk python3-tqdm"
            + " python3-joblib): " + output.strip();
      }
      return null;
    } catch (IOException e) {
      return "cannot run " + PYTHON + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Runs DSIR on {@code raw} and {@code target} texts (written as JSONL under {@code work}, ids beside them), selecting
   * {@code selectFraction} of the documents with {@code seed} (or by the top weights, {@code topK}), in one process.
   */
  public Run run(List<String> ids, List<String> raw, List<String> target, Path work, double selectFraction, long seed,
      boolean topK) {
    try {
      Files.createDirectories(work);
      Path rawFile = work.resolve("raw.jsonl");
      Path targetFile = work.resolve("target.jsonl");
      write(rawFile, ids, raw);
      List<String> targetIds = new ArrayList<>();
      for (int i = 0; i < target.size(); i++) {
        targetIds.add("target-" + i);
      }
      write(targetFile, targetIds, target);
      Path weights = work.resolve("weights.jsonl");
      Path log = work.resolve("dsir.log");
      String script = dir.resolve("run_dsir.py").toAbsolutePath().toString();
      List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c",
          "import runpy, sys, time; time.perf_counter = time.process_time; sys.argv = sys.argv[1:];"
              + " runpy.run_path(sys.argv[0], run_name='__main__')", script,
          "--raw", rawFile.toString(), "--target", targetFile.toString(), "--out-weights", weights.toString(),
          "--select-frac", Double.toString(selectFraction), "--seed", Long.toString(seed),
          "--out-selected", work.resolve("selected.jsonl").toString(), "--num-proc", "1"));
      if (topK) {
        command.add("--top-k");
      }
      Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
      String summary = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("DSIR failed (exit " + process.exitValue() + "): "
            + tail(Files.readString(log)) + summary);
      }
      List<Weight> rows = new ArrayList<>();
      for (String line : Files.readAllLines(weights)) {
        if (!line.isBlank()) {
          rows.add(JSON.readValue(line, Weight.class));
        }
      }
      return new Run(rows, JSON.readTree(summary));
    } catch (IOException e) {
      throw new UncheckedIOException("DSIR peer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while DSIR ran", e);
    }
  }

  private static void write(Path file, List<String> ids, List<String> texts) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < texts.size(); i++) {
        out.write(JSON.writeValueAsString(Map.of("id", ids.get(i), "text", texts.get(i))));
        out.write('\n');
      }
    }
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
  }
}
