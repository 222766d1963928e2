package dev.cptflow.activities.corpus;

import java.util.List;
import java.util.Map;

/** What was skipped, by reason, with the first {@code file:line} locations of each. */
public record SkippedRecords(Map<String, Long> counts, Map<String, List<String>> firstLocations) {
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line: {@code 2 invalid JSON (first at a:2, a:8), 1 empty text (first at a:5)}. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    counts.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(reason)
        .append(" (first at ").append(String.join(", ", firstLocations.get(reason))).append(')'));
    return text.toString();
  }
}
