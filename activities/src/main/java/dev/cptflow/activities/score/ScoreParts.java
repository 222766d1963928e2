package dev.cptflow.activities.score;

import java.util.List;

/**
 * Durable partial results of one shard: what a crashed attempt had scored survives it, so the retry
 * continues after the last persisted row instead of starting over.
 */
public interface ScoreParts {
  /** Every row persisted so far, in shard order. */
  List<ScoreRow> load();

  /** Persists {@code rows}, which follow the first {@code fromOffset} rows. */
  void append(long fromOffset, List<ScoreRow> rows);

  /** Forgets the parts once the shard's final table is written. */
  void clear();
}
