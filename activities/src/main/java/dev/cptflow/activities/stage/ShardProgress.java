package dev.cptflow.activities.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.workflows.api.UnitProgress;

/**
 * The score activity's heartbeat. A retry resumes from the rows persisted in the store, never from here; this is for
 * whoever watches: how far the attempt got, and how much of it a crash would cost ({@code scored - persisted}).
 *
 * @param nodeId the score node the shard belongs to
 * @param shard the shard's index
 * @param attempt the activity attempt that sent this
 * @param resumedFrom rows an earlier attempt had persisted, where this one started (-1 until it knows)
 * @param scored rows scored so far, this attempt's and the ones it resumed after
 * @param persisted rows of those stored as parts
 */
@JsonIgnoreProperties(value = "progress", allowGetters = true)
public record ShardProgress(String nodeId, int shard, int attempt, long resumedFrom, long scored, long persisted)
    implements UnitProgress.Reporting {

  static ShardProgress starting(String nodeId, int shard, int attempt) {
    return new ShardProgress(nodeId, shard, attempt, -1, 0, 0);
  }

  ShardProgress resumedAt(long offset) {
    return new ShardProgress(nodeId, shard, attempt, offset, offset, offset);
  }

  ShardProgress at(long newScored, long newPersisted) {
    return new ShardProgress(nodeId, shard, attempt, resumedFrom, newScored, newPersisted);
  }

  @Override
  @JsonProperty("progress")
  public UnitProgress progress() {
    return new UnitProgress(nodeId, UnitProgress.Scope.PART, scored, 0, "docs", scored, "shard " + shard, false);
  }
}
