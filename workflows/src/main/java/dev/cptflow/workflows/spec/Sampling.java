package dev.cptflow.workflows.spec;

/**
 * Hard takes the top documents by score; soft samples them in proportion to it (see docs/architecture.md,
 * 'Selection').
 */
public enum Sampling implements SpecEnum {
  HARD,
  SOFT
}
