package dev.cptflow.workflows.spec;

/** Hard takes the top documents by score; soft samples them in proportion to it (DESIGN §7). */
public enum Sampling implements SpecEnum {
  HARD,
  SOFT
}
