package dev.cptflow.activities.corpus;

import dev.cptflow.workflows.api.stage.BadRecordPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tallies bad records as readers meet them. Bad records are never dropped silently: each reason is
 * counted, with its first locations, or under {@link BadRecordPolicy#FAIL} the first one stops the read.
 */
public final class BadRecords {
  private static final int LOCATIONS_KEPT = 5;

  private final BadRecordPolicy policy;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, List<String>> locations = new LinkedHashMap<>();

  public BadRecords(BadRecordPolicy policy) {
    this.policy = policy;
  }

  public void record(String reason, String location) {
    if (policy == BadRecordPolicy.FAIL) {
      throw new BadRecordException(location, reason);
    }
    counts.merge(reason, 1L, Long::sum);
    List<String> first = locations.computeIfAbsent(reason, ignored -> new ArrayList<>());
    if (first.size() < LOCATIONS_KEPT) {
      first.add(location);
    }
  }

  public SkippedRecords snapshot() {
    Map<String, List<String>> copied = new LinkedHashMap<>();
    locations.forEach((reason, first) -> copied.put(reason, List.copyOf(first)));
    return new SkippedRecords(new LinkedHashMap<>(counts), copied);
  }
}
