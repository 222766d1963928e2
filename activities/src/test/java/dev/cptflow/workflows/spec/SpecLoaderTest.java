package dev.cptflow.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cptflow.activities.metric.MetricRegistry;
import dev.cptflow.workflows.api.stage.TrainEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
  private static final MetricRegistry METRICS = MetricRegistry.builtin();

  /** A small valid spec; tests append sections or swap lines, so the line numbers below are fixed. */
  private static final String BASE = """
      name: t
      model:
        base: s3://m/base
      corpus:
        - {uri: "s3://c/*.jsonl"}
      task_data:
        - {name: fpb, uri: "file:fpb.jsonl"}
      """;

  private static List<String> errors(String yaml) {
    SpecException thrown = assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "t.yaml", METRICS));
    return thrown.errors().stream().map(SpecError::message).toList();
  }

  private static String onlyError(String yaml) {
    List<String> errors = errors(yaml);
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    return errors.get(0);
  }

  @Test
  void rejectsBudgetAboveOne() {
    String yaml = BASE + """
        selection:
          budget: 1.5
        variants:
          - {name: dacp}
        """;
    assertEquals("t.yaml:9: selection.budget: must be in (0, 1], got 1.5", onlyError(yaml));
  }

  @Test
  void evaluationTakesAProtocolBootstrapItersFitShotsAndPerTaskSplits() {
    String yaml = BASE + """
        evaluation:
          protocol: loglik
          bootstrap_iters: 2000
          fit_shots: true
          data:
            fpb: {test: "file:fpb-test.txt", fewshot: "file:fpb-train.txt", protocol: generate}
            ner: "file:ner.conll"
        variants:
          - {name: dacp}
        """;
    EvaluationSpec evaluation = SpecLoader.parse(yaml, "t.yaml", METRICS).spec().evaluation();
    assertEquals("loglik", evaluation.protocol());
    assertEquals(2000, evaluation.bootstrapIters());
    assertTrue(evaluation.fitShots());
    assertEquals(java.util.Map.of("fpb", "file:fpb-test.txt", "ner", "file:ner.conll"), evaluation.data());
    assertEquals(java.util.Map.of("fpb", "file:fpb-train.txt"), evaluation.fewshotData());
    assertEquals(java.util.Map.of("fpb", "generate"), evaluation.protocols());
    EvaluationSpec defaults = SpecLoader.parse(BASE + "variants:\n  - {name: dacp}\n", "t.yaml", METRICS).spec().evaluation();
    assertEquals(null, defaults.protocol());
    assertEquals(100_000, defaults.bootstrapIters());
  }

  @Test
  void aTaskSplitMappingNeedsATestUriAndAKnownProtocol() {
    String yaml = BASE + """
        evaluation:
          data:
            fpb: {fewshot: "file:fpb-train.txt", protocol: ranked}
        variants:
          - {name: dacp}
        """;
    List<String> errors = errors(yaml);
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.stream().anyMatch(error -> error.startsWith("t.yaml:10: evaluation.data.fpb.test: is required")), errors.toString());
    assertTrue(errors.stream().anyMatch(error -> error.startsWith("t.yaml:10: evaluation.data.fpb.protocol:")), errors.toString());
  }

  @Test
  void trainsWithTheEngineItNamesAndRejectsOthers() {
    assertEquals(TrainEngine.DJL, SpecLoader.parse(BASE + "variants:\n  - {name: dacp}\n", "t.yaml", METRICS).spec()
        .training().engine(), "djl unless the spec says otherwise");
    assertEquals(TrainEngine.TORCH, SpecLoader.parse(BASE + "training: {engine: torch}\nvariants:\n  - {name: dacp}\n", "t.yaml",
        METRICS).spec().training().engine());
    assertEquals("t.yaml:8: training.engine: must be one of djl, torch; got 'jax'",
        onlyError(BASE + "training: {engine: jax}\nvariants:\n  - {name: dacp}\n"));
  }

  @Test
  void suggestsAllowedKeyForMisspelledKey() {
    String yaml = BASE + """
        selection:
          budgt: 0.2
        variants:
          - {name: dacp}
        """;
    assertEquals("t.yaml:9: selection.budgt: unknown key; did you mean 'budget'?", onlyError(yaml));
  }

  @Test
  void listsAllowedKeysWhenNothingIsClose() {
    String yaml = BASE + "ingest: {zzzzzz: 1}\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:8: ingest.zzzzzz: unknown key; allowed keys are shard_docs, on_bad_record, dedup",
        onlyError(yaml));
  }

  @Test
  void suggestsVariantNameForMisspelledName() {
    String yaml = BASE + """
        variants:
          - {name: dacp}
          - {name: ets-dcp}
        """;
    assertEquals("t.yaml:10: variants[1].name: must be one of dacp, tacp, ets-dacp, eta-dacp-ppl, eta-dacp-ent,"
        + " dsir, ets-dacp-com; got 'ets-dcp' (did you mean 'ets-dacp'?)", onlyError(yaml));
  }

  @Test
  void rejectsWordWhereNumberExpected() {
    String yaml = BASE + "training: {lr: fast}\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:8: training.lr: must be a number, got 'fast'", onlyError(yaml));
  }

  @Test
  void rejectsFractionWhereIntegerExpected() {
    String yaml = BASE + "training: {seq_len: 2048.5}\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:8: training.seq_len: must be an integer, got '2048.5'", onlyError(yaml));
  }

  @Test
  void acceptsIntegerWhereNumberExpected() {
    String yaml = BASE + "training: {lr: 1, clip_norm: 0}\nvariants: [{name: dacp}]\n";
    TrainingSpec training = SpecLoader.parse(yaml, "t.yaml", METRICS).spec().training();
    assertEquals(1.0, training.lr());
    assertEquals(0.0, training.clipNorm());
  }

  @Test
  void rejectsYesAsBoolean() {
    String yaml = BASE + "ingest: {dedup: yes}\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:8: ingest.dedup: must be true or false, got 'yes'", onlyError(yaml));
  }

  @Test
  void rejectsDuplicateVariantIdAtTheSecondOne() {
    String yaml = BASE + """
        variants:
          - {name: ets-dacp}
          - {name: dacp}
          - {name: ets-dacp, sampling: hard}
        """;
    assertEquals("t.yaml:11: variants[2]: duplicate variant id 'ets-dacp-hard' (first at variants[0])",
        onlyError(yaml));
  }

  @Test
  void rejectsSamplingOnDacp() {
    String yaml = BASE + "variants:\n  - {name: dacp, sampling: soft}\n";
    assertEquals("t.yaml:9: variants[0].sampling: not used by dacp", onlyError(yaml));
  }

  @Test
  void rejectsMetricsOutsideCombinedVariant() {
    String yaml = BASE + "variants:\n  - {name: ets-dacp, metrics: [sim]}\n";
    assertEquals("t.yaml:9: variants[0].metrics: not used by ets-dacp", onlyError(yaml));
  }

  @Test
  void rejectsWeightForMetricNotListed() {
    String yaml = BASE + "variants:\n  - {name: ets-dacp-com, metrics: [sim, ppl], weights: {ent: 2}}\n";
    assertEquals("t.yaml:9: variants[0].weights.ent: metric 'ent' is not in metrics [sim, ppl]", onlyError(yaml));
  }

  @Test
  void rejectsTacpWithoutTaskData() {
    String yaml = """
        name: t
        model: {base: s3://m/base}
        corpus: [{uri: "s3://c/*.jsonl"}]
        variants:
          - {name: dacp}
          - {name: tacp}
          - {name: ets-dacp-com, metrics: [ppl, ent]}
        """;
    assertEquals("t.yaml:6: variants[1]: tacp needs task_data", onlyError(yaml));
  }

  @Test
  void rejectsBudgetAndBudgetDocsTogether() {
    String yaml = BASE + "selection: {budget: 0.2, budget_docs: 100}\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:8: selection.budget_docs: give either budget or budget_docs, not both", onlyError(yaml));
  }

  @Test
  void suggestsBuiltinEmbedder() {
    String yaml = BASE.replace("base: s3://m/base", "base: s3://m/base\n  embedder: builtin:hashed-ngram")
        + "variants: [{name: dacp}]\n";
    assertTrue(onlyError(yaml).startsWith("t.yaml:4: model.embedder: unknown built-in embedder"
        + " 'builtin:hashed-ngram'; built-ins are builtin:all-minilm-l6-v2, builtin:all-minilm-l6-v2-int8,"
        + " builtin:hashed-ngrams"
        + " (did you mean 'builtin:hashed-ngrams'?)"));
  }

  @Test
  void reportsMissingRequiredSectionOnce() {
    String yaml = "name: t\ncorpus: [{uri: x}]\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:1: model: is required", onlyError(yaml));
  }

  @Test
  void collectsEveryErrorInOnePass() {
    String yaml = BASE + """
        selection: {budget: 1.5}
        training: {lr: fast}
        variants: [{name: dacp, sampling: hard}]
        """;
    SpecException thrown = assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "t.yaml", METRICS));
    assertEquals("""
        t.yaml:8: selection.budget: must be in (0, 1], got 1.5
        t.yaml:9: training.lr: must be a number, got 'fast'
        t.yaml:10: variants[0].sampling: not used by dacp""", thrown.getMessage());
  }

  @Test
  void reportsLineOfYamlSyntaxError() {
    String yaml = "name: t\nmodel:\n  base: [unclosed\ncorpus: []\n";
    String error = onlyError(yaml);
    assertTrue(error.matches("t\\.yaml:[34]: invalid YAML: .+"), error);
  }

  @Test
  void rejectsJavaTypeTag() {
    String yaml = BASE.replace("base: s3://m/base", "base: !!java.io.File /etc/passwd") + "variants: [{name: dacp}]\n";
    // SnakeYAML's own tag inspector already refuses global tags while composing; the line must survive that.
    String error = onlyError(yaml);
    assertTrue(error.startsWith("t.yaml:3: ") && error.contains("java.io.File"), error);
  }

  @Test
  void rejectsCustomTag() {
    String yaml = BASE + "variants: [!variant {name: dacp}]\n";
    assertTrue(onlyError(yaml).startsWith("t.yaml:8: YAML tag '!variant' is not allowed"));
  }

  @Test
  void reportsMissingFile() {
    SpecException thrown =
        assertThrows(SpecException.class, () -> SpecLoader.load(Path.of("no-such-dir", "spec.yaml"), METRICS));
    assertEquals(Path.of("no-such-dir", "spec.yaml") + ": no such file", thrown.getMessage());
  }

  @Test
  void loadsThePaperSweep() {
    SweepSpec spec = SpecLoader.load(Path.of("src/test/resources/paper-sweep.yaml"), METRICS).spec();
    assertEquals(List.of("dacp", "tacp", "ets-dacp-hard", "ets-dacp-soft", "eta-dacp-ppl-hard", "eta-dacp-ent-hard",
        "ets-dacp-com-hard"), spec.variantIds());
    assertEquals("body", spec.corpus().get(1).textField());
    assertEquals(1.2e-5, spec.training().lr());
  }

  private static final String SCHEMES = "use a path, file:, s3://, demo: (for a file whose name holds a colon, start the path"
      + " with ./)";

  @Test
  void everyInputUriWithASchemeThisBuildCannotReadIsAnErrorAtItsLine() {
    String yaml = """
        name: t
        model:
          base: hdfs://m/base
          proxy: s3:///no-bucket
        corpus:
          - {uri: "ftp://x/y.jsonl"}
        task_data:
          - {name: fpb, uri: "gs://b/fpb.jsonl"}
        heldout: {general: {uri: "http://example.com/g.jsonl"}}
        evaluation:
          data: {fpb: "s3:/one-slash/fpb.txt"}
        variants: [{name: dacp}]
        """;
    assertEquals(List.of(
        "t.yaml:3: model.base: unsupported URI scheme 'hdfs:'; " + SCHEMES,
        "t.yaml:4: model.proxy: an s3:// URI needs a bucket: s3://bucket/key",
        "t.yaml:6: corpus[0].uri: unsupported URI scheme 'ftp:'; " + SCHEMES,
        "t.yaml:8: task_data[0].uri: unsupported URI scheme 'gs:'; " + SCHEMES,
        "t.yaml:9: heldout.general.uri: unsupported URI scheme 'http:'; " + SCHEMES,
        "t.yaml:11: evaluation.data.fpb: an s3 URI is written s3://bucket/key"), errors(yaml));
  }

  @Test
  void pathsFileS3AndDemoUrisAreAllowedAndAColonInAPathNeedsNoScheme() {
    String yaml = """
        name: t
        model: {base: "demo:base-model", proxy: "./models/proxy:v2", embedder: "file:/models/minilm"}
        corpus:
          - {uri: "data/2024-01-01T10:00.jsonl"}
          - {uri: "s3://bucket/corpus/*.jsonl.zst"}
          - {uri: "/abs/path/*.parquet"}
        task_data:
          - {name: fpb.v1_task-2, uri: "file:fpb.jsonl"}
        variants: [{name: dacp}]
        """;
    SweepSpec spec = SpecLoader.parse(yaml, "t.yaml", METRICS).spec();
    assertEquals(3, spec.corpus().size());
    assertEquals("fpb.v1_task-2", spec.taskData().get(0).name());
  }

  @Test
  void aTaskNameThatWouldBecomeAPathIsRefused() {
    String yaml = BASE.replace("{name: fpb,", "{name: ../../etc,") + "variants: [{name: dacp}]\n";
    assertEquals("t.yaml:7: task_data[0].name: must use only letters, digits, '.', '_' and '-', got '../../etc'",
        onlyError(yaml));
    assertEquals("t.yaml:7: task_data[0].name: must not contain '..', got 'fpb..v2'",
        onlyError(BASE.replace("{name: fpb,", "{name: fpb..v2,") + "variants: [{name: dacp}]\n"));
    assertEquals("t.yaml:7: task_data[0].name: must use only letters, digits, '.', '_' and '-', got 'f p b'",
        onlyError(BASE.replace("{name: fpb,", "{name: f p b,") + "variants: [{name: dacp}]\n"));
  }

  @Test
  void theSweepNameMayNotHoldTwoDots() {
    assertEquals("t.yaml:1: name: must not contain '..', got 't..2'",
        onlyError(BASE.replace("name: t\n", "name: t..2\n") + "variants: [{name: dacp}]\n"));
  }

  @Test
  void anErrorThatEchoesAValueWithALineBreakOrControlCharacterStaysOneLine() {
    String yaml = BASE + "seed: \"12\\n34\\u0007\"\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml:8: seed: must be an integer, got '12\\n34\\u0007'", onlyError(yaml));
    String longValue = "x".repeat(10_000);
    String echoed = onlyError(BASE + "seed: " + longValue + "\nvariants: [{name: dacp}]\n");
    assertEquals("t.yaml:8: seed: must be an integer, got '" + "x".repeat(80) + "...'", echoed);
  }

  @Test
  void aFileFarLargerThanAnySpecIsRefusedBeforeParsing() {
    String yaml = BASE + "# " + "x".repeat(SpecLoader.MAX_CHARS) + "\nvariants: [{name: dacp}]\n";
    assertEquals("t.yaml: the spec is " + yaml.length() + " characters long; a spec may be at most " + SpecLoader.MAX_CHARS,
        onlyError(yaml));
  }
}
