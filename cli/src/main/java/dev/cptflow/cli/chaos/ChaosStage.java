package dev.cptflow.cli.chaos;

import java.util.Locale;

/** The kinds of work a kill can hit, in pipeline order, by the activity types that do them. */
enum ChaosStage {
  INGEST, SCORE, SELECT, PACK, TRAIN, EVAL, REPORT,
  /** Cache probes, commits and the outcome: the workflows' store bookkeeping, never a kill's target. */
  STORE;

  static ChaosStage ofActivity(String activityType) {
    return switch (activityType) {
      case "Ingest" -> INGEST;
      case "ScoreShard", "FitCorpus", "SummarizeScores" -> SCORE;
      case "Select" -> SELECT;
      case "Pack" -> PACK;
      case "Train" -> TRAIN;
      case "Evaluate" -> EVAL;
      case "Report" -> REPORT;
      default -> STORE;
    };
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
