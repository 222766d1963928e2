package dev.cptflow.workflows.api.stage;

/**
 * A variant's selected documents ({@code selection.parquet}: id, source_id, tokens, weight, rank) and their summary.
 *
 * @param everything true when every document of the source set was taken (DACP, TACP): packing can then stream the
 *     shards without looking ids up
 */
public record SelectionResult(String prefix, boolean everything, long docs, long tokens, long corpusDocs,
    long corpusTokens, double fraction, long droppedBelowMinTokens) implements StageOutput {
  public static final String SELECTION = "selection.parquet";
  public static final String SUMMARY = "selection.summary.json";

  public String selectionKey() {
    return prefix + "/" + SELECTION;
  }

  public String summaryKey() {
    return prefix + "/" + SUMMARY;
  }
}
