package dev.cptflow.activities.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cptflow.workflows.api.UnitProgress;

/**
 * The shard activity's heartbeat: documents scored so far, and those persisted as parts (where a retry resumes;
 * it reads the parts themselves, so this is for people).
 */
@JsonIgnoreProperties(value = "progress", allowGetters = true)
public record ShardProgress(String nodeId, int shard, long scored, long persisted) implements UnitProgress.Reporting {
  @Override
  @JsonProperty("progress")
  public UnitProgress progress() {
    return new UnitProgress(nodeId, UnitProgress.Scope.PART, scored, 0, "docs", scored, "shard " + shard, false);
  }
}
