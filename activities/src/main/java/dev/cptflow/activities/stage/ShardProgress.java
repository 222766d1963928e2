package dev.cptflow.activities.stage;

/**
 * The score activity's heartbeat. A retry resumes from the rows persisted in the store, never from here; this is for
 * whoever watches: how far the attempt got, and how much of it a crash would cost ({@code scored - persisted}).
 *
 * @param attempt the activity attempt that sent this
 * @param resumedFrom rows an earlier attempt had persisted, where this one started (-1 until it knows)
 * @param scored rows scored so far, this attempt's and the ones it resumed after
 * @param persisted rows of those stored as parts
 */
public record ShardProgress(int attempt, long resumedFrom, long scored, long persisted) {

  static ShardProgress starting(int attempt) {
    return new ShardProgress(attempt, -1, 0, 0);
  }

  ShardProgress resumedAt(long offset) {
    return new ShardProgress(attempt, offset, offset, offset);
  }

  ShardProgress at(long scored, long persisted) {
    return new ShardProgress(attempt, resumedFrom, scored, persisted);
  }
}
