package dev.cptflow.activities.score;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.activities.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * DSIR's fitted importance estimator: the raw corpus's and the target's bucket counts and
 * {@code log_diff = ln(target_p + 1e-8) − ln(raw_p + 1e-8)}, where {@code raw_p = raw / Σ raw} (no smoothing) and
 * {@code target_p = (target + 0.0) / Σ(target + 0.0)} (upstream's Laplace pseudo-count defaults to 0).
 *
 * <p>DSIR's {@code num_tokens_to_fit='auto'} stops counting the raw corpus after the document that takes the count
 * sum past 10^9 divided among its processes; here there is one fit, so the cap is {@code maxRawCounts} whole. Below it
 * (about 5 × 10^8 tokens) every document counts, as in DSIR at any number of processes.
 *
 * @param rawDocuments documents the raw counts were taken over
 */
public record DsirFit(int buckets, @JsonProperty("raw_documents") long rawDocuments, long[] raw, long[] target,
    @JsonProperty("log_diff") double[] logDiff) {
  public static final String FILE = "dsir-fit.json";
  /** DSIR's {@code 1e-8} inside both logarithms. */
  static final double EPSILON = 1e-8;

  /** Counts the corpus (up to {@code maxRawCounts}) and every target text, and takes the log ratio. */
  public static DsirFit fit(int buckets, long maxRawCounts, Consumer<Consumer<String>> corpus, Iterable<String> targets) {
    DsirFeaturizer featurizer = new DsirFeaturizer(buckets);
    long[] raw = new long[buckets];
    long[] sum = new long[1];
    long[] documents = new long[1];
    corpus.accept(text -> {
      if (sum[0] > maxRawCounts) {
        return;
      }
      int tokens = featurizer.features(text, bucket -> raw[bucket]++);
      sum[0] += tokens == 0 ? 0 : 2L * tokens - 1;
      documents[0]++;
    });
    long[] target = new long[buckets];
    for (String text : targets) {
      featurizer.features(text, bucket -> target[bucket]++);
    }
    return of(buckets, documents[0], raw, target);
  }

  static DsirFit of(int buckets, long rawDocuments, long[] raw, long[] target) {
    double rawTotal = total(raw, "the corpus");
    double targetTotal = total(target, "the task text");
    double[] logDiff = new double[buckets];
    for (int k = 0; k < buckets; k++) {
      double rawP = raw[k] / rawTotal;
      double targetP = (target[k] + 0.0) / targetTotal;
      logDiff[k] = Math.log(targetP + EPSILON) - Math.log(rawP + EPSILON);
    }
    return new DsirFit(buckets, rawDocuments, raw, target, logDiff);
  }

  public void write(Path dir) {
    try {
      Files.writeString(dir.resolve(FILE), Json.write(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  public static DsirFit read(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      return Json.read(Files.readString(file), DsirFit.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dsir fit " + file + ": " + e.getMessage(), e);
    }
  }

  private static double total(long[] counts, String what) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      throw new IllegalArgumentException("dsir: " + what + " has no token to count");
    }
    return total;
  }
}
