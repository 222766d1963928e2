package dev.cptflow.workflows.api;

import java.util.List;

/**
 * A share of the graph that a child workflow of the sweep runs: the corpus (ingest and scoring, shared by every
 * variant) or one variant (its selection, packing, training and evaluations). The root runs the rest.
 *
 * @param variant the variant's id, null for the corpus
 * @param nodeIds the nodes it owns, in graph order
 */
public record GraphPart(Kind kind, String variant, List<String> nodeIds) {
  public enum Kind {
    CORPUS,
    VARIANT
  }

  public GraphPart {
    nodeIds = List.copyOf(nodeIds);
  }

  /** {@code corpus} or {@code variant <id>}, for messages. */
  public String label() {
    return kind == Kind.CORPUS ? "corpus" : "variant " + variant;
  }
}
