package dev.cptflow.workflows.api.stage;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What decides a node's output besides its inputs: one record per stage, built by the planner and received typed by
 * the stage's activity. Its canonical JSON ({@link dev.cptflow.workflows.api.CanonicalJson}) is the node's cache-key
 * material, so a record holds only what changes the output (never a node id, a path on a worker or a secret).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = IngestParams.class, name = "ingest"),
  @JsonSubTypes.Type(value = ScoreParams.class, name = "score"),
  @JsonSubTypes.Type(value = SelectParams.class, name = "select"),
  @JsonSubTypes.Type(value = PackParams.class, name = "pack"),
  @JsonSubTypes.Type(value = TrainParams.class, name = "train"),
  @JsonSubTypes.Type(value = TaskEvalParams.class, name = "eval"),
  @JsonSubTypes.Type(value = HeldoutEvalParams.class, name = "heldout"),
  @JsonSubTypes.Type(value = ReportParams.class, name = "report")
})
public sealed interface StageParams
    permits IngestParams, ScoreParams, SelectParams, PackParams, TrainParams, EvalParams, ReportParams {}
