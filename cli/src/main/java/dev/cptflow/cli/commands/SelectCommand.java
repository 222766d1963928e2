package dev.cptflow.cli.commands;

import dev.cptflow.activities.select.ScoreInputs;
import dev.cptflow.activities.select.SelectionFiles;
import dev.cptflow.activities.select.Selector;
import dev.cptflow.activities.select.Selector.SelectionRequest;
import dev.cptflow.cli.UserError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "select", mixinStandardHelpOptions = true,
    header = "Select documents from score files by variant, sampling and budget, without Temporal.",
    description = {
      "Select documents from score files (DESIGN.md §7), without Temporal. Variants: ets-dacp (sim),",
      "eta-dacp-ppl (ppl), eta-dacp-ent (ent), ets-dacp-com (sim,ppl,ent or --metrics). Output: id, tokens, weight,",
      "rank as .parquet, .jsonl or .csv by the --out extension, plus <out>.summary.json."
    })
public class SelectCommand implements Callable<Integer> {
  @Option(names = "--scores", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Score files (.parquet, .jsonl, .csv) with id, tokens and metric columns; joined on id.")
  List<Path> scores;

  @Option(names = "--variant", required = true, paramLabel = "V", description = "ets-dacp, eta-dacp-ppl, eta-dacp-ent or ets-dacp-com.")
  String variant;

  @Option(names = "--sampling", defaultValue = "hard", showDefaultValue = Visibility.ALWAYS, paramLabel = "S", description = "hard or soft.")
  String sampling;

  @Option(names = "--budget", paramLabel = "F", description = "Fraction of the corpus tokens to select, in (0, 1] (default 0.10).")
  Double budget;

  @Option(names = "--budget-docs", paramLabel = "N", description = "Select the top N documents instead of a token budget.")
  Long budgetDocs;

  @Option(names = "--min-tokens", defaultValue = "0", showDefaultValue = Visibility.ALWAYS, paramLabel = "N")
  int minTokens;

  @Option(names = "--seed", defaultValue = "1234", showDefaultValue = Visibility.ALWAYS, paramLabel = "S")
  long seed;

  @Option(names = "--metrics", split = ",", paramLabel = "M", description = "Metrics for ets-dacp-com (default sim,ppl,ent).")
  List<String> metrics;

  @Option(names = "--weights", paramLabel = "M=W,...", description = "Per-metric weights for ets-dacp-com, e.g. sim=2,ppl=1.")
  String weights;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output: .parquet, .jsonl or .csv.")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter console = command.commandLine().getOut();
    List<String> selected = switch (variant) {
      case "ets-dacp" -> List.of("sim");
      case "eta-dacp-ppl" -> List.of("ppl");
      case "eta-dacp-ent" -> List.of("ent");
      case "ets-dacp-com" -> metrics == null ? List.of("sim", "ppl", "ent") : metrics;
      case "dacp", "tacp" -> throw new UserError("--variant " + variant + " is not a selection (" + variant
          + " trains on the " + ("dacp".equals(variant) ? "whole corpus" : "task text") + "); use ets-dacp, eta-dacp-ppl, eta-dacp-ent or ets-dacp-com");
      default -> throw new UserError("--variant: must be ets-dacp, eta-dacp-ppl, eta-dacp-ent or ets-dacp-com, got '" + variant + "'");
    };
    if (!"ets-dacp-com".equals(variant) && (metrics != null || weights != null)) {
      throw new UserError("--metrics and --weights apply to --variant ets-dacp-com only");
    }
    for (String metric : selected) {
      if (!metric.matches("[a-z][a-z0-9_]{0,31}")) {
        throw new UserError("--metrics: not a metric name: '" + metric + "'");
      }
    }
    if (!"hard".equals(sampling) && !"soft".equals(sampling)) {
      throw new UserError("--sampling: must be hard or soft, got '" + sampling + "'");
    }
    if (budget != null && budgetDocs != null) {
      throw new UserError("--budget and --budget-docs cannot both be given");
    }
    Double fraction = budgetDocs == null ? (budget == null ? 0.10 : budget) : null;
    if (fraction != null && !(fraction > 0 && fraction <= 1)) {
      throw new UserError("--budget: must be in (0, 1], got " + fraction);
    }
    if (budgetDocs != null && budgetDocs < 0) {
      throw new UserError("--budget-docs: must be >= 0, got " + budgetDocs);
    }
    if (minTokens < 0) {
      throw new UserError("--min-tokens: must be >= 0, got " + minTokens);
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
    Map<String, Double> weightMap = parseWeights(selected);
    SelectionRequest request;
    Selector.Selection selection;
    try {
      request = new SelectionRequest(selected, weightMap, "soft".equals(sampling), fraction, budgetDocs, minTokens, seed);
      selection = Selector.select(ScoreInputs.read(scores), request);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    SelectionFiles.write(out, selection);
    SelectionFiles.writeSummary(SelectionFiles.summaryPath(out), selection.summary());
    Selector.SelectionSummary summary = selection.summary();
    console.printf(Locale.ROOT, "selected %,d docs, %,d tokens (%.2f%% of %,d corpus tokens); wrote %s%n", summary.docs(),
        summary.tokens(), 100 * summary.achievedFraction(), summary.corpusTokens(), out);
    return 0;
  }

  private Map<String, Double> parseWeights(List<String> selected) {
    Map<String, Double> parsed = new LinkedHashMap<>();
    if (weights == null || weights.isBlank()) {
      return parsed;
    }
    for (String part : Arrays.asList(weights.split(","))) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        throw new UserError("--weights: expected metric=weight, got '" + part + "'");
      }
      String metric = pair[0].trim();
      if (!selected.contains(metric)) {
        throw new UserError("--weights: metric '" + metric + "' is not one of the selected metrics " + selected);
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
