package dev.cptflow.workflows.api;

import dev.cptflow.workflows.api.stage.IngestSet;

/**
 * The one place node ids are made. Ids name nodes for people and for lookups among a node's inputs; nothing parses
 * them: what a node is comes from its stage and params.
 */
public final class NodeIds {
  /** The model id of the base model's evaluation nodes. */
  public static final String BASE_MODEL = "base";
  public static final String REPORT = "report";

  private NodeIds() {}

  public static String ingest(IngestSet set) {
    return "ingest/" + set.key();
  }

  public static String score(String metric) {
    return "score/" + metric;
  }

  public static String select(String variant) {
    return "select/" + variant;
  }

  public static String pack(String variant) {
    return "pack/" + variant;
  }

  public static String train(String variant) {
    return "train/" + variant;
  }

  /** @param model {@link #BASE_MODEL} or a variant id */
  public static String eval(String model, String suite) {
    return "eval/" + model + "/" + suite;
  }
}
