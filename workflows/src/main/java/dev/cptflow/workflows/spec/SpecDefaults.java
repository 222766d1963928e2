package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import dev.cptflow.workflows.api.stage.Sampling;
import dev.cptflow.workflows.api.stage.Schedule;
import dev.cptflow.workflows.api.stage.SourceFormat;
import dev.cptflow.workflows.api.stage.TrainEngine;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every default of the spec, in one place: the spec loader applies them and the commands that run one stage take
 * them as their options' defaults ({@link #forOption}), so {@code cpt train} trains as a sweep does.
 */
public final class SpecDefaults {
  public static final long SEED = 1234;
  public static final String TEXT_FIELD = "text";
  /** The field a record's own id is read from, when the record has it. */
  public static final String ID_FIELD = "id";
  public static final SourceFormat FORMAT = SourceFormat.AUTO;
  public static final double HELDOUT_FRACTION = 0.001;
  public static final int GENERAL_MAX_DOCS = 5000;
  public static final IngestSpec INGEST = new IngestSpec(10_000, BadRecordPolicy.SKIP, true);
  public static final double BUDGET = 0.10;
  public static final int MIN_TOKENS = 32;
  public static final int MAX_SCORE_TOKENS = 1024;
  public static final Sampling SAMPLING = Sampling.HARD;
  public static final double METRIC_WEIGHT = 1.0;
  public static final TrainingSpec TRAINING =
      new TrainingSpec(2048, 4, 32, 1.2e-5, 0.1, 0.01, 0.01, Schedule.COSINE, 1, 200, 200, 1.0, TrainEngine.DJL);
  public static final int SHOTS = 5;
  public static final int LIMIT = 0;
  /** lm-evaluation-harness's {@code bootstrap_iters}. */
  public static final int BOOTSTRAP_ITERS = 100_000;
  public static final boolean FIT_SHOTS = false;
  /** How generate_choice tasks (FPB, FiQA-SA, Headlines) run: {@code generate} (FLARE's) or {@code loglik}. */
  public static final List<String> PROTOCOLS = List.of("generate", "loglik");

  private SpecDefaults() {}

  /**
   * The default of a spec field by its path ({@code training.lr}), as a command-line value; the commands name their
   * options' spec paths, and {@code cpt validate --explain} shows the same values.
   */
  public static String forOption(String specPath) {
    String value = OPTIONS.get(specPath);
    if (value == null) {
      throw new IllegalArgumentException("no spec default for '" + specPath + "'");
    }
    return value;
  }

  /** Whether {@link #forOption} knows {@code specPath}. */
  public static boolean hasOption(String specPath) {
    return OPTIONS.containsKey(specPath);
  }

  private static final Map<String, String> OPTIONS = options();

  private static Map<String, String> options() {
    Map<String, String> values = new TreeMap<>();
    values.put("seed", Long.toString(SEED));
    values.put("corpus.text_field", TEXT_FIELD);
    values.put("corpus.id_field", ID_FIELD);
    values.put("corpus.format", FORMAT.key());
    values.put("heldout.domain_fraction", Double.toString(HELDOUT_FRACTION));
    values.put("ingest.shard_docs", Integer.toString(INGEST.shardDocs()));
    values.put("ingest.on_bad_record", INGEST.onBadRecord().key());
    values.put("selection.budget", Double.toString(BUDGET));
    values.put("selection.min_tokens", Integer.toString(MIN_TOKENS));
    values.put("selection.max_score_tokens", Integer.toString(MAX_SCORE_TOKENS));
    values.put("variants.sampling", SAMPLING.key());
    values.put("model.embedder", ModelSpec.DEFAULT_EMBEDDER);
    TrainingSpec training = TRAINING;
    values.put("training.seq_len", Integer.toString(training.seqLen()));
    values.put("training.micro_batch", Integer.toString(training.microBatch()));
    values.put("training.grad_accum", Integer.toString(training.gradAccum()));
    values.put("training.lr", Double.toString(training.lr()));
    values.put("training.min_lr_ratio", Double.toString(training.minLrRatio()));
    values.put("training.weight_decay", Double.toString(training.weightDecay()));
    values.put("training.warmup", Double.toString(training.warmup()));
    values.put("training.schedule", training.schedule().key());
    values.put("training.epochs", Integer.toString(training.epochs()));
    values.put("training.checkpoint_every", Integer.toString(training.checkpointEvery()));
    values.put("training.eval_every", Integer.toString(training.evalEvery()));
    values.put("training.clip_norm", Double.toString(training.clipNorm()));
    values.put("training.engine", training.engine().key());
    values.put("evaluation.shots", Integer.toString(SHOTS));
    values.put("evaluation.limit", Integer.toString(LIMIT));
    values.put("evaluation.bootstrap_iters", Integer.toString(BOOTSTRAP_ITERS));
    values.put("evaluation.fit_shots", Boolean.toString(FIT_SHOTS));
    return values;
  }
}
