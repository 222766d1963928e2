package dev.cptflow.workflows.spec;

import dev.cptflow.workflows.api.stage.EvalSuite;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a spec as it will run: every field resolved, each default marked, in the spec's own order (name, seed,
 * model, corpus, task_data, heldout, ingest, selection, training, evaluation, variants: the order of the table
 * in README.md, 'The spec').
 */
public final class SpecExplainer {

  private SpecExplainer() {}

  /** The resolved spec as YAML that loads back to an equal {@link SweepSpec}. */
  public static String explain(LoadedSpec loaded) {
    return "# " + loaded.sourceName() + " as it will run; '# default' marks values the spec left out\n"
        + YamlWriter.write(tree(loaded.spec()), loaded.defaultedPaths());
  }

  private static Map<String, Object> tree(SweepSpec spec) {
    ModelSpec model = spec.model();
    HeldoutSpec heldout = spec.heldout();
    GeneralSetSpec general = heldout.general();
    IngestSpec ingest = spec.ingest();
    SelectionSpec selection = spec.selection();
    TrainingSpec training = spec.training();
    EvaluationSpec evaluation = spec.evaluation();
    return fields(
        "name", spec.name(),
        "seed", spec.seed(),
        "model", fields("base", model.base(), "proxy", model.proxy(), "embedder", model.embedder()),
        "corpus", spec.corpus().stream()
            .map(source -> fields("uri", source.uri(), "text_field", source.textField(), "format", source.format().key(),
                "id_field", source.idField()))
            .toList(),
        "task_data", spec.taskData().stream()
            .map(task -> fields("name", task.name(), "uri", task.uri(), "text_field", task.textField(),
                "format", task.format().key(), "id_field", task.idField()))
            .toList(),
        "heldout", fields(
            "domain_fraction", heldout.domainFraction(),
            "general", general == null ? null
                : fields("uri", general.uri(), "text_field", general.textField(), "max_docs", general.maxDocs())),
        "ingest", fields(
            "shard_docs", ingest.shardDocs(),
            "on_bad_record", ingest.onBadRecord().key(),
            "dedup", ingest.dedup()),
        "selection", fields(
            "budget", selection.budget(),
            "budget_docs", selection.budgetDocs(),
            "min_tokens", selection.minTokens(),
            "max_score_tokens", selection.maxScoreTokens()),
        "training", fields(
            "seq_len", training.seqLen(),
            "micro_batch", training.microBatch(),
            "grad_accum", training.gradAccum(),
            "lr", training.lr(),
            "min_lr_ratio", training.minLrRatio(),
            "weight_decay", training.weightDecay(),
            "warmup", training.warmup(),
            "schedule", training.schedule().key(),
            "epochs", training.epochs(),
            "checkpoint_every", training.checkpointEvery(),
            "eval_every", training.evalEvery(),
            "clip_norm", training.clipNorm(),
            "engine", training.engine().key()),
        "evaluation", fields(
            "suites", evaluation.suites().stream().map(EvalSuite::key).toList(),
            "tasks", evaluation.tasks(),
            "shots", evaluation.shots(),
            "limit", evaluation.limit(),
            "protocol", evaluation.protocol(),
            "bootstrap_iters", evaluation.bootstrapIters(),
            "fit_shots", evaluation.fitShots(),
            "data", evalData(evaluation)),
        "variants", spec.variants().stream().map(SpecExplainer::variant).toList());
  }

  /** Only the fields the variant's kind uses: writing the others back would not load. */
  private static Map<String, Object> variant(VariantSpec variant) {
    boolean combines = variant.kind() == VariantKind.COMBINED;
    return fields(
        "name", variant.name(),
        "sampling", variant.sampling() == null ? null : variant.sampling().key(),
        "metrics", combines ? variant.metrics() : null,
        "weights", combines ? new LinkedHashMap<>(variant.weights()) : null,
        "budget", variant.budget());
  }

  /** An ordered map of key-value pairs, leaving out null values (fields the spec does not have). */
  /** A task's data as the spec writes it: one URI, or {test, fewshot, protocol} when it has more. */
  private static Map<String, Object> evalData(EvaluationSpec evaluation) {
    Map<String, Object> data = new LinkedHashMap<>();
    evaluation.data().forEach((task, uri) -> {
      String fewshot = evaluation.fewshotData().get(task);
      String protocol = evaluation.protocols().get(task);
      data.put(task, fewshot == null && protocol == null ? uri : fields("test", uri, "fewshot", fewshot, "protocol", protocol));
    });
    return data;
  }

  private static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return fields;
  }
}
