package dev.cptflow.activities.score;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One document's score, as a score table holds it; {@code sourceId} is the record's own id, or null; {@code eligible}
 * whether a selection may take it, or null for a metric that lets it take every document.
 */
public record ScoreRow(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String sourceId, int tokens, double score,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean eligible) {
  public ScoreRow(String id, String sourceId, int tokens, double score) {
    this(id, sourceId, tokens, score, null);
  }

  /** A row without a record id of its own. */
  public ScoreRow(String id, int tokens, double score) {
    this(id, null, tokens, score);
  }
}
