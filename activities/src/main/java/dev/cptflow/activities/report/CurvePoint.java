package dev.cptflow.activities.report;

/** One point of a loss curve: the training step and the loss there (nats/token). */
public record CurvePoint(int step, double value) {}
