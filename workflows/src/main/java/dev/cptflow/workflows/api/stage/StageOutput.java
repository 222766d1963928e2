package dev.cptflow.workflows.api.stage;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a finished node tells the nodes that read it: one record per stage, holding store references under the
 * node's prefix and the facts its readers decide on. Readers take the artifacts' keys from here, never by building
 * paths into another stage's prefix. Numbers that are only shown to people travel in {@code StageResult.counters}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = IngestOutput.class, name = "ingest"),
  @JsonSubTypes.Type(value = ScoreOutput.class, name = "score"),
  @JsonSubTypes.Type(value = SelectionResult.class, name = "select"),
  @JsonSubTypes.Type(value = PackOutput.class, name = "pack"),
  @JsonSubTypes.Type(value = TrainOutput.class, name = "train"),
  @JsonSubTypes.Type(value = EvalOutput.class, name = "eval"),
  @JsonSubTypes.Type(value = ReportOutput.class, name = "report")
})
public sealed interface StageOutput
    permits IngestOutput, ScoreOutput, SelectionResult, PackOutput, TrainOutput, EvalOutput, ReportOutput {
  /** The store prefix of the node's outputs, {@code cas/<stage>/<key>}. */
  String prefix();
}
