package dev.cptflow.cli.sweep;

import dev.cptflow.workflows.api.NodeProgress;
import dev.cptflow.workflows.api.NodeState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders progress rows as bars with a rate and an ETA. It keeps each running node's samples of the last minute,
 * so rates follow how fast the node goes now, not its average since the client first saw it.
 */
public final class ProgressView {
  private static final int BAR_WIDTH = 24;
  /** How far back rates look: long enough to smooth a bursty heartbeat, short enough to follow a slowdown. */
  private static final long RATE_WINDOW_MILLIS = 60_000;

  private record Sample(long atMillis, long done, long items) {}

  /** Per node and unit: a node that switches units (shards, then steps) starts a new series. */
  private final Map<String, Deque<Sample>> samples = new HashMap<>();

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
    boolean active = row.state() == NodeState.RUNNING || row.state() == NodeState.QUEUED;
    if (row.total() <= 1 && row.totalItems() == 0 && !active) {
      return state + note;
    }
    StringBuilder line = new StringBuilder(pad(state, 8)).append(' ').append(bar(row)).append(' ')
        .append(row.done()).append('/').append(row.total() == 0 ? "?" : String.valueOf(row.total())).append(' ').append(row.unit());
    if (row.totalItems() > 0) {
      line.append(String.format(Locale.ROOT, "  %,d/%,d docs", row.items(), row.totalItems()));
    } else if (row.items() > 0) {
      line.append(String.format(Locale.ROOT, "  %,d docs", row.items()));
    }
    if (row.state() == NodeState.RUNNING) {
      rate(row, nowMillis, line);
    }
    return line.append(note).toString();
  }

  /** Docs/s (or units/s) over the last minute, and the ETA at that rate: by documents where their total is known. */
  private void rate(NodeProgress row, long nowMillis, StringBuilder line) {
    Deque<Sample> series = samples.computeIfAbsent(row.nodeId() + " " + row.unit(), key -> new ArrayDeque<>());
    series.addLast(new Sample(nowMillis, row.done(), row.items()));
    while (series.size() > 2 && series.peekFirst().atMillis() < nowMillis - RATE_WINDOW_MILLIS) {
      series.removeFirst();
    }
    Sample first = series.peekFirst();
    double seconds = (nowMillis - first.atMillis()) / 1000.0;
    if (seconds < 1) {
      return;
    }
    double itemsPerSecond = (row.items() - first.items()) / seconds;
    double unitsPerSecond = (row.done() - first.done()) / seconds;
    if (itemsPerSecond > 0) {
      line.append(String.format(Locale.ROOT, "  %,.0f docs/s", itemsPerSecond));
    } else if (unitsPerSecond > 0 && !"node".equals(row.unit())) {
      line.append(String.format(Locale.ROOT, unitsPerSecond >= 10 ? "  %,.0f %s/s" : "  %.2f %s/s", unitsPerSecond, row.unit()));
    }
    long secondsLeft = -1;
    if (row.totalItems() > 0 && itemsPerSecond > 0) {
      secondsLeft = (long) (Math.max(0, row.totalItems() - row.items()) / itemsPerSecond);
    } else if (unitsPerSecond > 0 && row.total() > row.done()) {
      secondsLeft = (long) ((row.total() - row.done()) / unitsPerSecond);
    }
    if (secondsLeft >= 0) {
      line.append("  ETA ").append(duration(secondsLeft));
    }
  }

  /** Filled by documents where the node knows how many it will read, else by its units. */
  private static String bar(NodeProgress row) {
    double fraction = row.totalItems() > 0 ? (double) row.items() / row.totalItems()
        : row.total() > 0 ? (double) row.done() / row.total() : 0;
    int filled = (int) Math.min(BAR_WIDTH, Math.max(0, fraction) * BAR_WIDTH);
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
