package dev.cptflow.activities.report;

/** A value and its standard error ({@code stderr} may be null). */
public record Estimate(double value, Double stderr) {}
