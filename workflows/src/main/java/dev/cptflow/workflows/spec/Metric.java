package dev.cptflow.workflows.spec;

/** A per-document score that selection ranks or samples by (DESIGN §7). */
public enum Metric implements SpecEnum {
  SIM,
  PPL,
  ENT
}
