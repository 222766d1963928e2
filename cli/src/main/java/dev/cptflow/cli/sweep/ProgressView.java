package dev.cptflow.cli.sweep;

import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders progress rows as bars with a rate and an ETA. It remembers when it first saw each node
 * running, so rates are measured by this client across refreshes.
 */
public final class ProgressView {
  private static final int BAR_WIDTH = 24;

  private record Sample(long atMillis, long done, long items) {}

  private final Map<String, Sample> firstSeen = new HashMap<>();

  /**
   * One line per node that is running or has run; nodes still waiting, and nodes that will never run
   * because of a failure, are counted on one line each.
   */
  public String render(List<NodeProgress> rows, long nowMillis) {
    List<NodeProgress> shown =
        rows.stream().filter(row -> row.state() != NodeState.PENDING && row.state() != NodeState.NOT_RUN).toList();
    int idWidth = shown.stream().mapToInt(row -> row.nodeId().length()).max().orElse(10);
    StringBuilder text = new StringBuilder();
    for (NodeProgress row : shown) {
      text.append("  ").append(pad(row.nodeId(), idWidth)).append("  ").append(line(row, nowMillis)).append('\n');
    }
    long pending = rows.stream().filter(row -> row.state() == NodeState.PENDING).count();
    long notRun = rows.stream().filter(row -> row.state() == NodeState.NOT_RUN).count();
    if (pending > 0) {
      text.append("  ").append(nodes(pending)).append(" waiting\n");
    }
    if (notRun > 0) {
      text.append("  ").append(nodes(notRun)).append(" not run (downstream of a failure)\n");
    }
    return text.toString();
  }

  private static String nodes(long count) {
    return count + (count == 1 ? " node" : " nodes");
  }

  private String line(NodeProgress row, long nowMillis) {
    String state = row.state().name().toLowerCase(Locale.ROOT);
    if (row.state() == NodeState.CACHED) {
      return "cached   (cache hit)";
    }
    if (row.state() == NodeState.FAILED) {
      return "FAILED   " + row.detail();
    }
    String note = row.detail().isEmpty() ? "" : "  (" + row.detail() + ")";
    if (row.total() <= 1 && row.state() != NodeState.RUNNING) {
      return state + note;
    }
    StringBuilder line = new StringBuilder(pad(state, 8)).append(' ').append(bar(row)).append(' ')
        .append(row.done()).append('/').append(row.total() == 0 ? "?" : String.valueOf(row.total())).append(' ').append(row.unit());
    if (row.items() > 0) {
      line.append(String.format(Locale.ROOT, "  %,d docs", row.items()));
    }
    if (row.state() == NodeState.RUNNING) {
      Sample first = firstSeen.computeIfAbsent(row.nodeId(), id -> new Sample(nowMillis, row.done(), row.items()));
      double seconds = (nowMillis - first.atMillis()) / 1000.0;
      if (seconds >= 1) {
        double itemsPerSecond = (row.items() - first.items()) / seconds;
        double unitsPerSecond = (row.done() - first.done()) / seconds;
        if (itemsPerSecond > 0) {
          line.append(String.format(Locale.ROOT, "  %,.0f docs/s", itemsPerSecond));
        }
        if (unitsPerSecond > 0 && row.total() > row.done()) {
          line.append("  ETA ").append(duration((long) ((row.total() - row.done()) / unitsPerSecond)));
        }
      }
    }
    return line.append(note).toString();
  }

  private static String bar(NodeProgress row) {
    int filled = row.total() <= 0 ? 0 : (int) Math.min(BAR_WIDTH, row.done() * BAR_WIDTH / row.total());
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
  }

  public static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return (seconds / 3600) + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
