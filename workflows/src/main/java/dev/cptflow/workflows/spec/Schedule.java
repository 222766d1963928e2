package dev.cptflow.workflows.spec;

/** Learning-rate schedule after warmup. */
public enum Schedule implements SpecEnum {
  COSINE,
  CONSTANT
}
