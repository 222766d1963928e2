package dev.cptflow.cli.commands;

import dev.cptflow.activities.metric.ScoringMetric;
import dev.cptflow.activities.select.ScoreInputs;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.select.SelectionRequests;
import dev.cptflow.activities.select.Selector;
import dev.cptflow.cli.SpecFiles;
import dev.cptflow.cli.UserError;
import dev.cptflow.cli.options.RegisteredMetrics;
import dev.cptflow.cli.options.SeedOption;
import dev.cptflow.workflows.api.metric.MetricDefinition;
import dev.cptflow.workflows.api.stage.IngestSet;
import dev.cptflow.workflows.api.stage.RankedMetric;
import dev.cptflow.workflows.api.stage.Sampling;
import dev.cptflow.workflows.api.stage.SelectParams;
import dev.cptflow.workflows.api.stage.SelectionKind;
import dev.cptflow.workflows.api.stage.SpecEnum;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "select", mixinStandardHelpOptions = true,
    header = "Select documents from score files by variant, sampling and budget, without Temporal.",
    description = {
      "Select documents from score files as a sweep's select stage does",
      "(docs/architecture.md, 'Selection'), without Temporal. Variants: each",
      "metric's (ets-dacp: sim, eta-dacp-ppl: ppl, eta-dacp-ent: ent, ...) or",
      "ets-dacp-com over --metrics. Output: id, source_id, tokens, weight, rank as",
      ".parquet, .jsonl or .csv by the --out extension, plus <out>.summary.json."
    })
public class SelectCommand extends CommandBase {
  private static final String COMBINED = "ets-dacp-com";

  @Option(names = "--scores", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Score files (.parquet, .jsonl, .csv) with id, tokens and metric columns; joined on id.")
  List<Path> scores;

  @Option(names = "--variant", required = true, paramLabel = "V", completionCandidates = RegisteredMetrics.Variants.class,
      description = "A metric's variant, or ets-dacp-com: ${COMPLETION-CANDIDATES}.")
  String variant;

  @Option(names = "--sampling", descriptionKey = "variants.sampling", paramLabel = "S",
      description = "hard or soft. Default: ${DEFAULT-VALUE}.")
  String sampling;

  @Option(names = "--budget", descriptionKey = "selection.budget", paramLabel = "F",
      description = "Fraction of the corpus tokens to select, in (0, 1]. Default: ${DEFAULT-VALUE}.")
  double budget;

  @Option(names = "--budget-docs", paramLabel = "N", description = "Select the top N documents instead of a token budget.")
  Long budgetDocs;

  @Option(names = "--min-tokens", descriptionKey = "selection.min_tokens", paramLabel = "N",
      description = "Drop documents shorter than this first. Default: ${DEFAULT-VALUE}.")
  int minTokens;

  @Mixin SeedOption seed;

  @Option(names = "--metrics", split = ",", paramLabel = "M",
      description = "Metrics for ets-dacp-com (default: the ones it combines in a sweep, sim,ppl,ent).")
  List<String> metrics;

  @Option(names = "--weights", paramLabel = "M=W,...", description = "Per-metric weights for ets-dacp-com, e.g. sim=2,ppl=1.")
  String weights;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: .parquet, .jsonl or .csv.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter console = out();
    List<MetricDefinition> selected = selectedMetrics();
    Map<String, Double> weightMap = parseWeights(selected);
    boolean budgetGiven = command.commandLine().getParseResult().hasMatchedOption("--budget");
    if (budgetGiven && budgetDocs != null) {
      throw new UserError("--budget and --budget-docs cannot both be given");
    }
    String name = out.getFileName().toString();
    if (!name.endsWith(".parquet") && !name.endsWith(".jsonl") && !name.endsWith(".csv")) {
      throw new UserError("--out " + out + ": the extension must be .parquet, .jsonl or .csv");
    }
    for (Path file : scores) {
      if (!Files.isRegularFile(file)) {
        throw new UserError("--scores: no such file " + file);
      }
    }
    Selector.Selection selection;
    try {
      List<RankedMetric> ranked = selected.stream()
          .map(metric -> new RankedMetric(metric.key(), metric.column(), weightMap.getOrDefault(metric.key(), 1.0),
              metric.direction(), metric.valuesAreLogWeights()))
          .toList();
      SelectParams params = new SelectParams(COMBINED.equals(variant) ? SelectionKind.COMBINED : SelectionKind.ONE_METRIC,
          IngestSet.CORPUS, SpecEnum.parse(Sampling.class, sampling, "--sampling"), ranked,
          budgetDocs == null ? budget : null, budgetDocs, minTokens, seed.seed());
      selection = Selector.select(ScoreInputs.read(scores), SelectionRequests.of(params));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    SelectionFiles.write(out, selection);
    SelectionFiles.writeSummary(SelectionFiles.summaryPath(out), selection.summary());
    Selector.SelectionSummary summary = selection.summary();
    console.printf(Locale.ROOT, "selected %,d docs, %,d tokens (%.2f%% of %,d corpus tokens); wrote %s%n", summary.docs(),
        summary.tokens(), 100 * summary.achievedFraction(), summary.corpusTokens(), out);
    if (summary.droppedBelowMinTokens() > 0 || summary.droppedIneligible() > 0) {
      console.printf(Locale.ROOT, "left out %,d documents under --min-tokens %d and %,d the metric rules out%n",
          summary.droppedBelowMinTokens(), minTokens, summary.droppedIneligible());
    }
    console.println(summary.balance().describe());
    if (summary.balance().warning() != null) {
      console.println("warning: " + summary.balance().warning());
    }
    return 0;
  }

  /** The variant's metric, or ets-dacp-com's list; the registry knows both. */
  private List<MetricDefinition> selectedMetrics() {
    List<ScoringMetric<?>> registered = SpecFiles.METRICS.metrics();
    List<String> variants = new ArrayList<>(registered.stream().map(MetricDefinition::variant).toList());
    variants.add(COMBINED);
    if ("dacp".equals(variant) || "tacp".equals(variant)) {
      throw new UserError("--variant " + variant + " is not a selection (" + variant + " trains on the "
          + ("dacp".equals(variant) ? "whole corpus" : "task text") + "); use " + String.join(", ", variants));
    }
    if (!COMBINED.equals(variant)) {
      if (metrics != null || weights != null) {
        throw new UserError("--metrics and --weights apply to --variant " + COMBINED + " only");
      }
      return List.of(SpecFiles.METRICS.forVariant(variant).orElseThrow(
          () -> new UserError("--variant: must be one of " + String.join(", ", variants) + ", got '" + variant + "'")));
    }
    if (metrics == null) {
      return registered.stream().filter(MetricDefinition::combinedByDefault).map(MetricDefinition.class::cast).toList();
    }
    List<MetricDefinition> listed = new ArrayList<>();
    for (String key : metrics) {
      listed.add(SpecFiles.METRICS.find(key.trim()).orElseThrow(() -> new UserError("--metrics: unknown metric '" + key
          + "'; known metrics are " + String.join(", ", SpecFiles.METRICS.keys()))));
    }
    return listed;
  }

  private Map<String, Double> parseWeights(List<MetricDefinition> selected) {
    Map<String, Double> parsed = new LinkedHashMap<>();
    if (weights == null || weights.isBlank()) {
      return parsed;
    }
    List<String> keys = selected.stream().map(MetricDefinition::key).toList();
    for (String part : weights.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        throw new UserError("--weights: expected metric=weight, got '" + part + "'");
      }
      String metric = pair[0].trim();
      if (!keys.contains(metric)) {
        throw new UserError("--weights: metric '" + metric + "' is not one of the selected metrics " + keys);
      }
      double value;
      try {
        value = Double.parseDouble(pair[1].trim());
      } catch (NumberFormatException e) {
        throw new UserError("--weights: not a number for " + metric + ": '" + pair[1] + "'");
      }
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new UserError("--weights: the weight of " + metric + " must be > 0, got " + value);
      }
      parsed.put(metric, value);
    }
    return parsed;
  }
}
