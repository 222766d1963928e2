package dev.cptflow.workflows.spec;

/** A per-document score that selection ranks or samples by (see docs/architecture.md, 'Corpus and metrics'). */
public enum Metric implements SpecEnum {
  SIM,
  PPL,
  ENT
}
