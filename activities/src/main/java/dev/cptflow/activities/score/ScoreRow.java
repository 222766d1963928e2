package dev.cptflow.activities.score;

/** One document's score, as a score table holds it. */
public record ScoreRow(String id, int tokens, double score) {}
