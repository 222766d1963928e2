package dev.cptflow.cli.sweep;

import dev.cptflow.activities.store.Json;
import dev.cptflow.workflows.api.StageResult;
import dev.cptflow.workflows.api.SweepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** A sweep's outcome as a table, JSON or CSV: one row per node, one column per counter. */
public final class ResultsTable {
  private ResultsTable() {}

  public static String render(SweepResult outcome, String format) {
    return switch (format) {
      case "json" -> Json.write(outcome) + "\n";
      case "csv" -> csv(outcome);
      case "table" -> table(outcome);
      default -> throw new IllegalArgumentException("unknown format '" + format + "'; use table, json or csv");
    };
  }

  private static List<String> counterNames(SweepResult outcome) {
    TreeSet<String> names = new TreeSet<>();
    outcome.results().values().forEach(result -> names.addAll(result.counters().keySet()));
    return new ArrayList<>(names);
  }

  private static String table(SweepResult outcome) {
    List<String> counters = counterNames(outcome);
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("node", "state", "key"));
    header.addAll(counters);
    rows.add(header);
    for (Map.Entry<String, StageResult> entry : outcome.results().entrySet()) {
      StageResult result = entry.getValue();
      List<String> row = new ArrayList<>(List.of(entry.getKey(), result.cached() ? "cached" : "done", result.cacheKey().substring(0, 8)));
      counters.forEach(name -> row.add(number(result.counters().get(name))));
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    StringBuilder text = new StringBuilder("sweep " + outcome.sweepId() + ": " + outcome.state() + "\n");
    if (outcome.results().isEmpty()) {
      rows.clear();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        text.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(widths[i] - cell.length()));
      }
      text.append('\n');
    }
    text.append(failureLines(outcome));
    return text.toString();
  }

  /**
   * The cache entries found broken and computed again, then the failed nodes, one line each, then how many nodes they
   * kept from running.
   */
  public static String failureLines(SweepResult outcome) {
    StringBuilder text = new StringBuilder();
    outcome.rejectedCacheEntries().forEach((node, why) ->
        text.append("RECOMPUTED  ").append(node).append(": cache entry rejected, ").append(why).append('\n'));
    outcome.failures().forEach(failure -> text.append("FAILED  ").append(failure).append('\n'));
    if (!outcome.notRun().isEmpty()) {
      text.append("not run ").append(outcome.notRun().size()).append(outcome.notRun().size() == 1 ? " node" : " nodes")
          .append(" downstream of the failures\n");
    }
    return text.toString();
  }

  private static String csv(SweepResult outcome) {
    List<String> counters = counterNames(outcome);
    StringBuilder text = new StringBuilder("node,state,cache_key");
    counters.forEach(name -> text.append(',').append(name));
    text.append('\n');
    for (Map.Entry<String, StageResult> entry : outcome.results().entrySet()) {
      StageResult result = entry.getValue();
      text.append(entry.getKey()).append(',').append(result.cached() ? "cached" : "done").append(',').append(result.cacheKey());
      counters.forEach(name -> text.append(',').append(result.counters().containsKey(name) ? plain(result.counters().get(name)) : ""));
      text.append('\n');
    }
    return text.toString();
  }

  private static String number(Double value) {
    if (value == null) {
      return "";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", value.longValue())
        : String.format(Locale.ROOT, "%.4g", value);
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
