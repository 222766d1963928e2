package dev.cptflow.activities.report;

/** The explanations printed under the tables, shared by the Markdown and HTML reports. */
final class Legend {
  static final String RESULTS =
      "Task columns: value ± stderr. avg: mean of the task columns the model has; Δ avg: avg − base's avg. "
          + "Losses: held-out, nats/token. % of DACP: tokens trained / the dacp variant's tokens. "
          + "wall: training wall time (device). –: missing or not applicable.";
  static final String LENGTHS =
      "Token counts of the documents each variant selected, against the whole corpus's (p10, median, p90: nearest"
          + " rank). The last column is the fewest selected documents that hold half of the selected tokens; ⚠ marks a"
          + " selection in which they average over five times the corpus's mean length (see the notes).";
  static final String SELECTION =
      "precision: in-domain share of the selected documents; recall: share of the corpus's in-domain documents "
          + "selected; base rate: in-domain share of the whole corpus (a random selection's precision).";

  private Legend() {}
}
